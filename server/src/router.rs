//! The HTTP router: Leptos pages at the doors of DESIGN.md, server functions under `/sfn`, the
//! built site under `/pkg`, and a 404 page for everything else.

use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use plenary_app::{shell, App};
use plenary_core::storage::Db;
use tower_http::trace::TraceLayer;

/// Everything a request handler may need, handed to every server function through context.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
}

impl AppState {
    /// The state for a site built under `site_root` (see bin/build-site).
    pub fn new(db: Db, site_root: &std::path::Path) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name("plenary")
            .site_root(site_root.to_string_lossy().as_ref())
            .site_pkg_dir("pkg")
            .build();
        AppState { db, leptos_options }
    }

    /// What server functions and pages read from context.
    fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let db = self.db.clone();
        move || provide_context(db.clone())
    }
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(state.context(), request).await
}

/// The whole application as one router, so tests can drive it with `oneshot`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let page_shell = move || shell(options.clone());
    Router::new()
        .route("/sfn/{*fn_name}", post(server_fn).get(server_fn))
        .leptos_routes_with_context(&state, routes, state.context(), page_shell.clone())
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(state.context(), shell))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
