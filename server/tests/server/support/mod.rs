//! A client for the router in process: JSON requests, a session cookie or a bearer token.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use plenary_core::auth::Role;
use plenary_core::model::NewUser;
use plenary_core::storage::Db;
use serde_json::Value;
use tower::ServiceExt;

pub const PASSWORD: &str = "a long enough password";

/// Where the browsers of these tests say they are.
const SITE: &str = "http://plenary.example";

/// A new user of `role` named and reached at `email`, with the password [`PASSWORD`]; a delegate
/// represents `member`.
pub async fn add_user(db: &Db, role: Role, email: &str, member: Option<&str>) {
    let member_id = match member {
        Some(name) => Some(
            plenary_core::demo::member_id(db, name)
                .await
                .unwrap()
                .expect("member exists"),
        ),
        None => None,
    };
    let user = NewUser {
        email: email.into(),
        name: email.into(),
        role,
        member_id,
    };
    plenary_core::actions::add_user_from_cli(db, &user, PASSWORD)
        .await
        .unwrap();
}

pub struct Client {
    pub app: Router,
    pub credential: Option<(header::HeaderName, String)>,
}

impl Client {
    pub async fn anonymous(db: &Db) -> Client {
        let app = plenary_server::build(db.clone(), std::path::Path::new("target/site"), false)
            .await
            .unwrap();
        Client {
            app,
            credential: None,
        }
    }

    /// A visitor, a delegate of Ulsan and an organizer: the three sides of who may do what.
    pub async fn everyone(db: &Db) -> (Client, Client, Client) {
        let delegate = Client::signed_in(
            db,
            Role::Delegate,
            "ulsan@example.org",
            Some("Ulsan Metropolitan City"),
        )
        .await;
        let organizer =
            Client::signed_in(db, Role::Organizer, "secretariat@example.org", None).await;
        (Client::anonymous(db).await, delegate, organizer)
    }

    /// A client signed in (session cookie) as a new user of `role`; a delegate represents `member`.
    pub async fn signed_in(db: &Db, role: Role, email: &str, member: Option<&str>) -> Client {
        add_user(db, role, email, member).await;
        Client::signed_in_as(db, email, PASSWORD).await
    }

    /// A client signed in (session cookie) as the existing user `email`, e.g. one an organizer
    /// invited through the API with the first password it answered.
    pub async fn signed_in_as(db: &Db, email: &str, password: &str) -> Client {
        let mut client = Client::anonymous(db).await;
        let response = client
            .raw(
                Method::POST,
                "/api/session",
                Some(serde_json::json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .expect("a session cookie")
            .to_str()
            .unwrap();
        let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
        let name = plenary_server::sessions::SESSION_COOKIE;
        assert!(attributes[0].starts_with(&format!("{name}=")), "{cookie}");
        assert!(
            attributes.contains(&"HttpOnly") && attributes.contains(&"SameSite=Lax"),
            "scripts cannot read the session cookie and other sites do not send it: {cookie}"
        );
        let pair = attributes[0].to_owned();
        client.credential = Some((header::COOKIE, pair));
        client
    }

    /// A request from this client, its credential (if any) attached.
    fn request(&self, method: Method, path: &str) -> axum::http::request::Builder {
        let request = Request::builder().method(method).uri(path);
        match &self.credential {
            Some((name, value)) => request.header(name, value),
            None => request,
        }
    }

    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> axum::response::Response {
        let request = self.request(method, path);
        let request = match body {
            Some(json) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json.to_string())),
            None => request.body(Body::empty()),
        };
        self.app.clone().oneshot(request.unwrap()).await.unwrap()
    }

    /// Sends a request; the status and the JSON answer (Null when empty or not JSON).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let response = self.raw(method, path, body).await;
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.send(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    /// Sends and expects `expected`; the JSON answer.
    pub async fn expect(
        &self,
        expected: StatusCode,
        method: Method,
        path: &str,
        body: Value,
    ) -> Value {
        let (status, answer) = self.send(method.clone(), path, Some(body)).await;
        assert_eq!(status, expected, "{method} {path}: {answer}");
        answer
    }

    /// Sends `body` as `content_type` (a CSV file, say); the status and the JSON answer (Null
    /// when empty or not JSON).
    pub async fn send_body(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> (StatusCode, Value) {
        let request = self
            .request(method, path)
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// GET `path` with extra `headers`: the status, the content type and the body as text.
    pub async fn text_with(
        &self,
        path: &str,
        headers: &[(header::HeaderName, &str)],
    ) -> (StatusCode, String, String) {
        let mut request = self.request(Method::GET, path);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            content_type,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// Sends a server function call as a form post, the way a page's form does.
    pub async fn form(&self, path: &str, form: &str) -> (StatusCode, String) {
        let request = self
            .request(Method::POST, path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::from(form.to_owned())).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Client {
    /// The page at `path` for a browser that prefers `language`: its status and HTML, with the
    /// hydration markers (HTML comments between pieces of text) taken out so that sentences can
    /// be matched whole.
    pub async fn page_in(&self, path: &str, language: &str) -> (StatusCode, String) {
        let request = self
            .request(Method::GET, path)
            .header(header::ACCEPT_LANGUAGE, language)
            .body(Body::empty())
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let mut html = String::from_utf8_lossy(&bytes).replace("<!>", "");
        while let Some(start) = html.find("<!--") {
            let end = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            html.replace_range(start..end, "");
        }
        (status, html)
    }

    /// Posts `form` to `path` as a browser without JavaScript does from the page `from`: the
    /// status, and the path on this site the answer sends the browser to.
    pub async fn post_from(&self, path: &str, form: &str, from: &str) -> (StatusCode, String) {
        let request = self
            .request(Method::POST, path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("{SITE}{from}"))
            .body(Body::from(form.to_owned()))
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default();
        let path = location.strip_prefix(SITE).unwrap_or(location).to_owned();
        (response.status(), path)
    }
}

/// A multipart body, as the record desk's photo form posts it: a caption and one file; its
/// content type (with the boundary) and its bytes.
pub fn multipart(
    caption: &str,
    file_name: &str,
    content_type: &str,
    data: &[u8],
) -> (String, Vec<u8>) {
    let boundary = "plenary-test-boundary";
    let mut body = Vec::new();
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n{caption}\r\n"
        )
        .as_bytes(),
    );
    body.extend(format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    ).as_bytes());
    body.extend(data);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
