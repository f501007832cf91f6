//! Who the client is behind a reverse proxy.
//!
//! Behind a proxy every request comes from the proxy's address, so per-IP limits (logins,
//! votes, suggestions, sign-up link mails) would count all visitors as one. The proxy says
//! who it forwarded for in `X-Forwarded-For` and which scheme in `X-Forwarded-Proto`; anyone
//! can send those headers, so they are believed only from the peers in
//! `KERNPUNT_TRUSTED_PROXIES` (addresses or CIDR ranges, comma or space separated).

use axum::http::HeaderMap;
use std::net::IpAddr;

/// One trusted address or range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    network: IpAddr,
    prefix: u8,
}

impl Range {
    fn parse(text: &str) -> Option<Range> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let network: IpAddr = address.parse().ok()?;
        let bits = if network.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(bits);
        (prefix <= bits).then_some(Range { network, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// `::ffff:10.0.0.1` (an IPv4 peer on an IPv6 socket) is the IPv4 address it carries.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Range>);

impl TrustedProxies {
    /// Parses `KERNPUNT_TRUSTED_PROXIES`; the error names the entry that is not an address.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split([',', ' ', '\n', '\t'])
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                Range::parse(entry).ok_or_else(|| {
                    format!("{entry:?} is not an address or range such as 10.0.0.5 or 10.0.0.0/24")
                })
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(ip))
    }

    /// The client's address and whether it reached the proxy over https. From a trusted
    /// peer: the right-most address in `X-Forwarded-For` that is not a trusted proxy itself
    /// (the ones to its left could be made up by the client), and `X-Forwarded-Proto`.
    /// From anyone else: the peer, and the headers are ignored.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> (IpAddr, bool) {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return (peer, false);
        }
        let chain: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
            .map(canonical)
            .collect();
        let client = chain
            .iter()
            .rev()
            .copied()
            .find(|ip| !self.trusts(*ip))
            .or_else(|| chain.first().copied())
            .unwrap_or(peer);
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
        (client, https)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ranges_are_read_and_bad_entries_named() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.5 fd00::/8").unwrap();
        assert!(trusted.trusts(ip("10.200.3.4")));
        assert!(trusted.trusts(ip("192.168.1.5")));
        assert!(!trusted.trusts(ip("192.168.1.6")));
        assert!(trusted.trusts(ip("fd12::1")));
        assert!(trusted.trusts(ip("::ffff:10.1.1.1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("0.0.0.0/0")
            .unwrap()
            .trusts(ip("8.8.8.8")));
        assert!(TrustedProxies::parse("10.0.0.0/33")
            .unwrap_err()
            .contains("10.0.0.0/33"));
        assert!(TrustedProxies::parse("proxy.local")
            .unwrap_err()
            .contains("proxy.local"));
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_peers() {
        let trusted = TrustedProxies::parse("10.0.0.1, 10.0.0.2").unwrap();
        let forwarded = headers(&[
            ("x-forwarded-for", "6.6.6.6, 203.0.113.7"),
            ("x-forwarded-proto", "https"),
        ]);
        // A stranger's headers are ignored.
        assert_eq!(
            trusted.client(ip("198.51.100.1"), &forwarded),
            (ip("198.51.100.1"), false)
        );
        // From the proxy: the right-most untrusted address, not what the client made up.
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &forwarded),
            (ip("203.0.113.7"), true)
        );
        // Two proxies in a row: both are skipped.
        let chained = headers(&[("x-forwarded-for", "203.0.113.7, 10.0.0.2")]);
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &chained),
            (ip("203.0.113.7"), false)
        );
        // Without the header, the proxy itself.
        assert_eq!(
            trusted.client(ip("10.0.0.1"), &HeaderMap::new()),
            (ip("10.0.0.1"), false)
        );
        // No proxies configured: the peer, always.
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &forwarded),
            (ip("10.0.0.1"), false)
        );
    }
}
