//! Markdown to safe HTML (server only): pulldown-cmark renders, ammonia sanitises.
//! Whatever an editor types, no script, event handler or `javascript:` link survives.

use pulldown_cmark::{html, Options, Parser};

pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(["img"]) // images come as attachments with required alt text, not inline
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markdown_renders() {
        let html = to_safe_html(
            "# Kop\n\nEen **vet** woord en een [link](https://example.nl).\n\n- een\n- twee",
        );
        assert!(html.contains("<h1>Kop</h1>"));
        assert!(html.contains("<strong>vet</strong>"));
        assert!(html.contains(r#"href="https://example.nl""#));
        assert!(html.contains("<li>een</li>"));
    }

    #[test]
    fn hostile_input_renders_harmless() {
        let hostile = [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "[klik](javascript:alert(1))",
            "[klik](JaVaScRiPt:alert(1))",
            "[klik](&#106;avascript:alert(1))",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "<p onclick=\"alert(1)\">tekst</p>",
            "<svg onload=alert(1)><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<form action=\"https://evil.example\"><button>x</button></form>",
        ];
        for input in hostile {
            let html = to_safe_html(input).to_lowercase();
            for forbidden in [
                "<script",
                "javascript:",
                "onerror",
                "onload",
                "onclick",
                "<iframe",
                "<svg",
                "<style",
                "data:text",
                "<form",
                "style=",
            ] {
                assert!(!html.contains(forbidden), "{input:?} rendered as {html:?}");
            }
        }
        // Escaped text stays visible text, not markup.
        assert!(to_safe_html("&lt;script&gt;").contains("&lt;script&gt;"));
    }

    #[test]
    fn links_get_safe_rel() {
        let html = to_safe_html("[x](https://example.nl)");
        assert!(html.contains("noopener"));
    }
}
