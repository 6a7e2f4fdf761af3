//! The HTTP router: Leptos pages at the doors of ARCHITECTURE.md, server functions under
//! `/sfn`, the JSON API under `/api` with its OpenAPI document, sign-in forms, the built site
//! under `/pkg`, and a 404 page for everything else.

use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::Request;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::{any, get, post};
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use plenary_app::{shell, App};
use plenary_core::storage::Db;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::{gate, identify};
use crate::live::Hub;
use crate::sessions::Store;
use std::sync::Arc;

/// Everything a request handler may need, handed to every server function through context.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    /// Failed sign-ins counted per address and per account at each address.
    pub sign_in_limits: Arc<crate::sign_in::SignInLimits>,
    /// Mark session cookies `Secure` (when Plenary is served over TLS).
    pub secure_cookies: bool,
    /// The live hub: subscribers of each assembly's event stream.
    pub hub: Arc<Hub>,
    /// The site's public address without a trailing slash (`https://assembly.example.org`), for
    /// links in feeds and exports: `--public-url`, else the address Plenary listens on.
    pub public_url: String,
}

impl AppState {
    /// The state for a site built under `site_root` (see bin/build-site).
    pub fn new(db: Db, site_root: &std::path::Path) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name(crate::assets::bundle_name(site_root))
            .site_root(site_root.to_string_lossy().as_ref())
            .site_pkg_dir("pkg")
            .build();
        AppState {
            hub: Hub::new(db.clone()),
            db,
            leptos_options,
            sign_in_limits: Arc::default(),
            secure_cookies: false,
            public_url: "http://localhost:3000".to_owned(),
        }
    }

    /// What server functions and pages read from context.
    fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let db = self.db.clone();
        let publisher = crate::live::publisher(&self.hub);
        move || {
            provide_context(db.clone());
            provide_context(publisher.clone());
        }
    }

    /// The context of the routes leptos_axum adds (pages, and the server functions it routes
    /// with them): the same, and for a page its Content-Security-Policy (the page's nonce is
    /// provided by leptos_axum before this runs; server functions have none).
    fn page_context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let context = self.context();
        move || {
            context();
            crate::headers::page_policy();
        }
    }
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(state.context(), request).await
}

/// The whole application as one router, so tests can drive it with `oneshot`.
pub fn router(state: AppState, sessions: Store) -> Router {
    // The route list comes from rendering the app once; it never changes, so do that once.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let options = state.leptos_options.clone();
    let page_shell = move || shell(options.clone());
    let (api, openapi) = crate::api::routes();
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let pkg = crate::assets::pkg(&site_root, &state.leptos_options.output_name);
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name(crate::sessions::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(7),
        ));
    Router::new()
        .route("/sfn/{*fn_name}", post(server_fn).get(server_fn))
        .route(
            "/api/openapi.json",
            get(move || async move { Json(openapi) }),
        )
        .route("/login", post(crate::forms::login))
        .route("/logout", post(crate::forms::logout))
        .route("/account/password", post(crate::forms::change_password))
        .merge(api)
        // Any other path under /api/ is not a page: a JSON 404 like every API error.
        .route("/api/{*rest}", any(crate::api::no_such_path))
        .nest_service("/pkg", pkg)
        .merge(
            Router::new()
                .leptos_routes_with_context(&state, routes, state.page_context(), page_shell)
                .route_layer(from_fn(crate::page_cache::mark)),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(state.page_context(), shell))
        // Each entry point's body limit: 1 MB of JSON, a 5 MB photo, a whole assembly document.
        .layer(from_fn(crate::bodies::limit))
        .layer(from_fn(gate))
        .layer(from_fn(crate::server_fns::error_status))
        .layer(from_fn_with_state(state.clone(), identify))
        .layer(session_layer)
        // Outside the sessions: a cross-site change is refused before its session is read.
        .layer(from_fn(crate::csrf::protect))
        // Outside every check that can refuse an API call, so that each refusal is JSON.
        .layer(from_fn(crate::api::json_errors))
        .layer(compression())
        // Outside the sessions, which it spares, and outside compression: pages are kept as sent.
        .layer(from_fn_with_state(
            crate::page_cache::PageCache::new(state.db.changes()),
            crate::page_cache::serve,
        ))
        // Outside the cache, so that kept pages get them too (a kept page keeps its own policy).
        .layer(from_fn_with_state(
            crate::headers::Headers {
                tls: state.secure_cookies,
            },
            crate::headers::apply,
        ))
        .layer(TraceLayer::new_for_http())
        // Outermost: a body left unread by an early refusal must not cost the connection.
        .layer(from_fn(crate::bodies::keep_alive))
        .with_state(state)
}

/// Brotli or gzip for whoever asks, on pages and API answers. tower-http leaves event streams and
/// images alone; the wasm bundle too is sent as it is, since compressing megabytes on every
/// request would delay hydration (compressing it once at build time belongs to the release build).
fn compression(
) -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
    tower_http::compression::CompressionLayer::new().compress_when(
        DefaultPredicate::new().and(NotForContentType::const_new("application/wasm")),
    )
}

/// Opens the session store on `db` and builds the router.
pub async fn build(
    db: Db,
    site_root: &std::path::Path,
    secure_cookies: bool,
) -> Result<Router, String> {
    let sessions = Store::open(&db).await?;
    let state = AppState {
        secure_cookies,
        ..AppState::new(db, site_root)
    };
    Ok(router(state, sessions))
}
