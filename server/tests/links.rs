//! Every link a page shows leads somewhere its reader may go: the demo data crawled from the
//! home page as each kind of visitor, over real HTTP. A coordinator's link to a page only
//! administrators may open, or a broken address, fails here; so does an element id used
//! twice on a page (a label then names the wrong field).

mod common;

use common::{TestServer, ACTORS};
use std::collections::{HashSet, VecDeque};

/// Enough to reach every kind of page from the home page (breadth first: the menus and
/// lists come before the tenth item of each list), few enough for a debug build.
const PAGES_PER_VISITOR: usize = 160;

/// The site-relative links of a page, without fragments.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .collect()
}

/// Pages to follow: not the assets, not the server functions (forms post there).
fn is_page(path: &str) -> bool {
    let bare = path.split('?').next().unwrap_or_default();
    !["/api/", "/pkg/", "/js/"]
        .iter()
        .any(|prefix| bare.starts_with(prefix))
        && ![
            ".css",
            ".js",
            ".wasm",
            ".svg",
            ".png",
            ".ico",
            ".webmanifest",
        ]
        .iter()
        .any(|ext| bare.ends_with(ext))
}

/// Element ids that occur more than once, each named once.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut named = HashSet::new();
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| !seen.insert(*id) && named.insert(*id))
        .map(str::to_string)
        .collect()
}

/// Follows links breadth first from the home page as one visitor (`cookie`), up to `limit`
/// pages; returns how many pages were opened and what was wrong, named by visitor.
async fn crawl(
    server: &TestServer,
    visitor: &str,
    cookie: Option<&str>,
    limit: usize,
) -> (usize, Vec<String>) {
    let mut broken = Vec::new();
    let mut seen = HashSet::from(["/".to_string()]);
    let mut queue = VecDeque::from([("/".to_string(), "/".to_string())]);
    let mut visited = 0;
    while let Some((path, from)) = queue.pop_front() {
        if visited == limit {
            break;
        }
        visited += 1;
        let (status, body) = match cookie {
            Some(cookie) => server.get_as(&path, cookie).await,
            None => server.get(&path).await,
        };
        if status >= 400 {
            broken.push(format!(
                "{visitor}: {path} answers {status} (linked from {from})"
            ));
            continue;
        }
        for id in repeated_ids(&body) {
            broken.push(format!("{visitor}: {path} has id=\"{id}\" more than once"));
        }
        for link in links(&body) {
            if is_page(&link) && seen.insert(link.clone()) {
                queue.push_back((link, path.clone()));
            }
        }
    }
    (visited, broken)
}

#[tokio::test]
async fn every_link_shown_to_each_visitor_opens() {
    let server = TestServer::start().await;
    let mut broken = Vec::new();
    for actor in ACTORS {
        let cookie = server.cookie_for(actor).await;
        let visitor = format!("{actor:?}");
        let (visited, found) = crawl(&server, &visitor, cookie.as_deref(), PAGES_PER_VISITOR).await;
        assert!(visited > 40, "{actor:?} reached only {visited} pages");
        broken.extend(found);
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// A new city (`server migrate`, one administrator) has links to pages with nothing on them
/// yet: each must open, not answer "not found" (as the stuurwiel editor did).
#[tokio::test]
async fn every_link_in_a_new_installation_opens() {
    let server = TestServer::start_empty().await;
    let admin = server
        .login("admin@stad.nl", app::demo::DEMO_PASSWORD)
        .await;
    let mut broken = Vec::new();
    for (visitor, cookie) in [("Anonymous", None), ("Admin", Some(admin.as_str()))] {
        let (visited, found) = crawl(&server, visitor, cookie, PAGES_PER_VISITOR).await;
        assert!(visited > 20, "{visitor} reached only {visited} pages");
        broken.extend(found);
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn links_and_repeated_ids_are_read_from_the_html() {
    let html = r#"<a href="/gebieden?fase=x&amp;q=y#top">a</a> <a href="https://x.nl">b</a>
        <link href="/pkg/app.css"><a href="//cdn">c</a>"#;
    let found = links(html);
    assert_eq!(found, ["/gebieden?fase=x&q=y", "/pkg/app.css"]);
    assert!(is_page(&found[0]) && !is_page(&found[1]));
    let page = r#"<label for="name"><input id="name"><input id="name"><p id="hint"></p>"#;
    assert_eq!(repeated_ids(page), ["name"]);
    let page = r#"<i id="a"></i><i id="b"></i><i id="a"></i><i id="b"></i><i id="a"></i>"#;
    assert_eq!(repeated_ids(page), ["a", "b"]);
}
