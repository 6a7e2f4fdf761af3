//! The address a request comes from, as the per-address limits count it (live streams, sign-in).
//!
//! It is the connection's peer address. Behind a reverse proxy on the same machine every request
//! comes from a loopback address, so for a loopback peer the last address the proxy appended to
//! `X-Forwarded-For` is taken instead: only a process on this machine can be a loopback peer, and
//! the last entry is the one the proxy itself saw (earlier ones are whatever the client sent).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};

/// The client's address for a request with these extensions and headers. Without connection
/// information (a router driven in process by tests) it is the unspecified address.
pub fn client_ip(extensions: &Extensions, headers: &HeaderMap) -> IpAddr {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if !peer.is_loopback() {
        return peer;
    }
    forwarded_for(headers).unwrap_or(peer)
}

/// The last address in `X-Forwarded-For`, if it is one.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()?;
    last.trim().parse().ok()
}

/// [`client_ip`] of a request's parts.
pub fn of_parts(parts: &Parts) -> IpAddr {
    client_ip(&parts.extensions, &parts.headers)
}

/// Lets handlers take the client's address.
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(of_parts(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn from(peer: &str, forwarded: Option<&str>) -> IpAddr {
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        let mut headers = HeaderMap::new();
        if let Some(f) = forwarded {
            headers.insert("x-forwarded-for", HeaderValue::from_str(f).unwrap());
        }
        client_ip(&extensions, &headers)
    }

    #[test]
    fn a_remote_peer_is_itself_whatever_it_claims() {
        assert_eq!(
            from("203.0.113.7:4000", Some("198.51.100.1")),
            "203.0.113.7".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn a_local_proxy_names_the_client_last() {
        assert_eq!(
            from("127.0.0.1:4000", Some("10.9.9.9, 198.51.100.1")),
            "198.51.100.1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            from("127.0.0.1:4000", Some("not an address")),
            "127.0.0.1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(from("[::1]:4000", None), "::1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn no_connection_information_is_the_unspecified_address() {
        assert!(client_ip(&Extensions::new(), &HeaderMap::new()).is_unspecified());
    }
}
