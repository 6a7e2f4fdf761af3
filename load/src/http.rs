//! A lean HTTP/1.1 client: one keep-alive connection per simulated user, so that the tool's own
//! cost per request stays small and every connection is one the server really has to hold.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{HeaderValue, CONTENT_TYPE, COOKIE, HOST, SET_COOKIE};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpStream;

use crate::LoadError;

/// The name of Plenary's session cookie.
const SESSION_COOKIE: &str = "plenary_session";

/// One open connection to the server.
pub struct Conn {
    addr: SocketAddr,
    sender: SendRequest<Full<Bytes>>,
}

/// A whole answer: its status and body.
pub struct Answer {
    pub status: StatusCode,
    pub body: Bytes,
    pub cookie: Option<String>,
}

impl Answer {
    /// The body as JSON, or an error naming what was asked when the status is not a success.
    pub fn json(self, what: &str) -> Result<Value, LoadError> {
        if !self.status.is_success() {
            return Err(LoadError::Refused {
                what: what.to_owned(),
                status: self.status.as_u16(),
                body: String::from_utf8_lossy(&self.body)
                    .chars()
                    .take(300)
                    .collect(),
            });
        }
        serde_json::from_slice(&self.body).map_err(|e| LoadError::Answer {
            what: what.to_owned(),
            problem: e.to_string(),
        })
    }
}

impl Conn {
    /// Opens a connection to `addr`.
    pub async fn open(addr: SocketAddr) -> Result<Conn, LoadError> {
        let stream = TcpStream::connect(addr)
            .await
            .map_err(|e| LoadError::Connect(addr, e.to_string()))?;
        stream.set_nodelay(true).ok();
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| LoadError::Connect(addr, e.to_string()))?;
        // The connection is driven by its own task; it ends when the sender is dropped.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Conn { addr, sender })
    }

    /// Sends a request and returns the response with its body still streaming.
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Response<Incoming>, LoadError> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(HOST, self.addr.to_string());
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        let body = match body {
            Some(json) => {
                request =
                    request.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                Full::new(Bytes::from(json.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        let request = request.body(body).expect("a well-formed request");
        self.sender.ready().await.map_err(|e| self.lost(e))?;
        self.sender
            .send_request(request)
            .await
            .map_err(|e| self.lost(e))
    }

    /// Sends a request and reads the whole answer.
    pub async fn call(
        &mut self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Answer, LoadError> {
        let response = self.send(method, path, cookie, body).await?;
        let status = response.status();
        let cookie = session_cookie(&response);
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| self.lost(e))?
            .to_bytes();
        Ok(Answer {
            status,
            body,
            cookie,
        })
    }

    pub async fn get(&mut self, path: &str, cookie: Option<&str>) -> Result<Answer, LoadError> {
        self.call(Method::GET, path, cookie, None).await
    }

    pub async fn post(
        &mut self,
        path: &str,
        cookie: Option<&str>,
        body: &Value,
    ) -> Result<Answer, LoadError> {
        self.call(Method::POST, path, cookie, Some(body)).await
    }

    fn lost(&self, e: impl std::fmt::Display) -> LoadError {
        LoadError::Connect(self.addr, e.to_string())
    }
}

/// `plenary_session=…` from a response's Set-Cookie, to send back as a Cookie header.
fn session_cookie(response: &Response<Incoming>) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(SESSION_COOKIE))
        .map(str::to_owned)
}

/// Signs in with `email` and `password`; the session cookie and the signed-in actor.
pub async fn sign_in(
    addr: SocketAddr,
    email: &str,
    password: &str,
) -> Result<(String, Value), LoadError> {
    let mut conn = Conn::open(addr).await?;
    let credentials = serde_json::json!({ "email": email, "password": password });
    let answer = conn.post("/api/session", None, &credentials).await?;
    let cookie = answer.cookie.clone();
    let actor = answer.json(&format!("signing in as {email}"))?;
    let cookie = cookie.ok_or_else(|| LoadError::Answer {
        what: format!("signing in as {email}"),
        problem: "no session cookie was set".into(),
    })?;
    Ok((cookie, actor))
}

/// The assembly's live state (`GET /api/assemblies/{n}/live`), as JSON.
pub async fn live_state(conn: &mut Conn, assembly: i64) -> Result<Value, LoadError> {
    conn.get(&format!("/api/assemblies/{assembly}/live"), None)
        .await?
        .json("reading the live state")
}
