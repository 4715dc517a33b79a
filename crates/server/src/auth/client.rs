//! Which network address a request really came from, for the sign-in and enquiry limits.
//!
//! Behind a TLS proxy every connection comes from the proxy, so the address of the person is
//! the one the proxy adds to `X-Forwarded-For`. That header is believed only when the
//! connection itself comes from a proxy the council named in `PORTAL_TRUSTED_PROXIES`: anyone
//! else could write any address there. IPv6 addresses are counted by their /64 network, because
//! one home or phone is given a whole /64 and can pick a new address in it at will.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// One trusted proxy, or a network of them: `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyRange {
    network: IpAddr,
    prefix: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProxyRangeError {
    #[error("“{0}” is not an IP address or a network such as 10.0.0.0/8")]
    NotAnAddress(String),
    #[error("“{0}” has a network size larger than the address allows (32 for IPv4, 128 for IPv6)")]
    PrefixTooLong(String),
}

impl FromStr for ProxyRange {
    type Err = ProxyRangeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let not_an_address = || ProxyRangeError::NotAnAddress(text.to_owned());
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address = canonical(address.parse().map_err(|_| not_an_address())?);
        let most = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => most,
            Some(prefix) => prefix.parse::<u8>().map_err(|_| not_an_address())?,
        };
        if prefix > most {
            return Err(ProxyRangeError::PrefixTooLong(text.to_owned()));
        }
        Ok(Self {
            network: masked(address, prefix),
            prefix,
        })
    }
}

impl fmt::Display for ProxyRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

impl ProxyRange {
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        address.is_ipv4() == self.network.is_ipv4() && masked(address, self.prefix) == self.network
    }
}

/// The proxies whose `X-Forwarded-For` is believed; none unless the council names them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<ProxyRange>);

impl TrustedProxies {
    pub fn new(ranges: Vec<ProxyRange>) -> Self {
        Self(ranges)
    }

    fn trust(&self, address: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(address))
    }

    /// The address to count a request against: `peer` is the connection's own address (none in
    /// tests that call the router directly), and `forwarded_for` the `X-Forwarded-For` headers in
    /// the order they arrived. Each proxy appends the address it received the request from, so
    /// the list is read from the right, past the trusted proxies, to the first address that no
    /// trusted proxy vouches for: anything further left was written by the client itself.
    pub fn client(&self, peer: Option<IpAddr>, forwarded_for: &[&str]) -> ClientKey {
        let Some(mut client) = peer.map(canonical) else {
            return ClientKey("unknown".to_owned());
        };
        let hops = forwarded_for
            .iter()
            .flat_map(|header| header.split(','))
            .map(str::trim)
            .rev();
        for hop in hops {
            if !self.trust(client) {
                break;
            }
            match hop.parse::<IpAddr>() {
                Ok(address) => client = canonical(address),
                // A proxy that writes something else than an address (`unknown`, a name) leaves
                // the last proxy as the best that is known.
                Err(_) => break,
            }
        }
        ClientKey::of(client)
    }
}

/// A client's address as the limits count it: an IPv4 address, or an IPv6 /64 network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientKey(String);

impl ClientKey {
    fn of(address: IpAddr) -> Self {
        Self(match canonical(address) {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("{}/64", masked(IpAddr::V6(v6), 64)),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// IPv4 addresses that arrive written as IPv6 (`::ffff:192.0.2.1`) are the same client.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// `address` with all but its first `prefix` bits cleared.
fn masked(address: IpAddr, prefix: u8) -> IpAddr {
    match address {
        IpAddr::V4(v4) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(v4) & mask))
        }
        IpAddr::V6(v6) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(list.iter().map(|r| r.parse().expect("range")).collect())
    }

    fn ip(text: &str) -> Option<IpAddr> {
        text.parse().ok()
    }

    #[test]
    fn ranges_are_read_as_written_and_refused_plainly() {
        let range: ProxyRange = "10.1.2.3/8".parse().expect("range");
        assert_eq!(range.to_string(), "10.0.0.0/8");
        assert!(range.contains("10.200.0.1".parse().expect("ip")));
        assert!(!range.contains("11.0.0.1".parse().expect("ip")));
        let one: ProxyRange = " 192.0.2.7 ".parse().expect("one address");
        assert_eq!(one.to_string(), "192.0.2.7/32");
        let v6: ProxyRange = "fd00::/8".parse().expect("v6");
        assert!(v6.contains("fd12:3456::1".parse().expect("ip")));
        assert!(!v6.contains("10.0.0.1".parse().expect("ip")));
        let all: ProxyRange = "0.0.0.0/0".parse().expect("everything");
        assert!(all.contains("203.0.113.9".parse().expect("ip")));
        assert_eq!(
            "proxy.council.example".parse::<ProxyRange>(),
            Err(ProxyRangeError::NotAnAddress(
                "proxy.council.example".into()
            ))
        );
        assert_eq!(
            "10.0.0.0/33".parse::<ProxyRange>(),
            Err(ProxyRangeError::PrefixTooLong("10.0.0.0/33".into()))
        );
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
        let trusted = proxies(&["10.0.0.0/8"]);
        let key = trusted.client(ip("10.0.0.5"), &["203.0.113.9"]);
        assert_eq!(key.as_str(), "203.0.113.9");
        // From anyone else the header is the client's own words, and ignored.
        let key = trusted.client(ip("198.51.100.4"), &["203.0.113.9"]);
        assert_eq!(key.as_str(), "198.51.100.4");
        let key = TrustedProxies::default().client(ip("10.0.0.5"), &["203.0.113.9"]);
        assert_eq!(key.as_str(), "10.0.0.5");
    }

    #[test]
    fn an_address_the_client_wrote_in_front_of_the_proxys_is_not_believed() {
        let trusted = proxies(&["10.0.0.0/8"]);
        // The client sent "X-Forwarded-For: 192.0.2.1" itself; the proxy appended the real one.
        let key = trusted.client(ip("10.0.0.5"), &["192.0.2.1, 203.0.113.9"]);
        assert_eq!(key.as_str(), "203.0.113.9");
        // Two proxies in a row, the inner one also trusted, each in a header of its own.
        let key = trusted.client(ip("10.0.0.5"), &["192.0.2.1, 203.0.113.9", "10.0.0.6"]);
        assert_eq!(key.as_str(), "203.0.113.9");
        // A proxy that could not tell leaves the proxy as the client.
        let key = trusted.client(ip("10.0.0.5"), &["unknown"]);
        assert_eq!(key.as_str(), "10.0.0.5");
        assert_eq!(trusted.client(None, &["203.0.113.9"]).as_str(), "unknown");
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        let trusted = proxies(&["::1"]);
        let a = trusted.client(ip("::1"), &["2001:db8:1:2:aaaa::1"]);
        let b = trusted.client(ip("::1"), &["2001:db8:1:2:bbbb::9"]);
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "2001:db8:1:2::/64");
        let other = trusted.client(ip("::1"), &["2001:db8:1:3::1"]);
        assert_ne!(a, other);
        // An IPv4 client seen over IPv6 is the same client as over IPv4.
        let mapped = trusted.client(ip("::ffff:203.0.113.9"), &[]);
        assert_eq!(mapped.as_str(), "203.0.113.9");
    }
}
