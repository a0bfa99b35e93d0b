//! Reference API server of the security settings app: both API dialects (CG and B2Core) over
//! one SQLite database, plus static hosting of the built app with a strict CSP.
//!
//! [`start`] binds and serves in the background so integration tests can run it in-process.

pub mod b2core;
pub mod cg;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod dev;
pub mod error;
pub mod extract;
pub mod factor;
pub mod keys;
pub mod limits;
pub mod mfa;
pub mod openapi;
pub mod phone;
pub mod serve;
pub mod totp;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::{Extension, Router};
use tokio::sync::oneshot;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

pub use config::{Config, Dialect};

/// Largest request body accepted.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Settings of the HTTP layer computed at start.
pub struct WebSettings {
    pub csp: HeaderValue,
    pub site: Option<web::StaticSite>,
}

/// State shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub config: Arc<Config>,
    pub web: Arc<WebSettings>,
    /// The OpenAPI document of the mounted routes.
    pub document: openapi::Document,
}

/// Opens the database, reads the static site and builds the state.
pub fn prepare(config: Config) -> Result<AppState, String> {
    let (site, hashes) = match &config.static_dir {
        Some(dir) => {
            let (site, hashes) = web::StaticSite::open(dir)?;
            (Some(site), hashes)
        }
        None => (None, Vec::new()),
    };
    let csp = web::content_security_policy(&hashes);
    let csp = HeaderValue::from_str(&csp).map_err(|_| "invalid CSP header value".to_string())?;
    let (_, doc) = api(config.dialect, config.dev, config.sign_in_burst);
    let document = openapi::Document::new(&doc)?;
    let keys = keys::Keys::load_or_create(&config.key_file)?;
    let db = db::Db::open(&config.db, keys)?;
    Ok(AppState {
        db,
        config: Arc::new(config),
        web: Arc::new(WebSettings { csp, site }),
        document,
    })
}

/// One route: its handler, mounted at the method and path of the handler's OpenAPI annotation.
pub type Route = UtoipaMethodRouter<AppState>;

/// The routes of the application, each group with the limit it is held to.
pub struct RouteTable {
    /// Taken without a bearer token, and repeatable by anyone: passwords, sign-in codes and
    /// sign-in states. Held to the per-address limit (`crate::limits`).
    pub sign_in: Vec<Route>,
    /// Take a code from the signed-in user (turning a factor on or off, step-up): held to the
    /// per-address limit too, with a budget of their own, beside the user's second-factor budget.
    pub codes: Vec<Route>,
    /// Everything else.
    pub other: Vec<Route>,
}

/// Every route of the application: the dialect's own (a deployment of one dialect offers no
/// path of the other), and the development ones when `dev` is set.
pub fn route_table(dialect: Dialect, dev: bool) -> RouteTable {
    let mut table = match dialect {
        Dialect::Cg => cg::table(),
        Dialect::B2core => b2core::table(),
    };
    table.other.push(routes!(openapi::openapi_json));
    if dev {
        table.other.extend(dev::table());
    }
    table
}

/// The routes of the API and their OpenAPI document; the `sign_in` and `codes` groups of the
/// table are held to the per-address limit of `burst`, each group with its own budget.
pub fn api(dialect: Dialect, dev: bool, burst: u32) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let table = route_table(dialect, dev);
    let group = |routes: Vec<Route>, base| routes.into_iter().fold(base, OpenApiRouter::routes).split_for_parts();
    let (mut app, mut doc) = group(table.other, OpenApiRouter::with_openapi(openapi::base()));
    for routes in [table.sign_in, table.codes] {
        let (limited, limited_doc) = group(routes, OpenApiRouter::new());
        doc.merge(limited_doc);
        app = app.merge(limits::per_address(limited, burst, dialect));
    }
    (app, doc)
}

/// The complete application.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The complete application with `extra` routes beside the API, behind the same layers.
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    let dialect = state.config.dialect;
    let (app, _) = api(dialect, state.config.dev, state.config.sign_in_burst);
    let mut app = app
        .merge(extra)
        .fallback(web::fallback)
        // A panic ends its own request only (the release profile unwinds; see SECURITY.md).
        .layer(CatchPanicLayer::custom(move |payload| {
            error::panicked(dialect, payload)
        }))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(Extension(state.document.clone()));
    if !state.config.cors_origins.is_empty() {
        app = app.layer(cors_layer(&state.config.cors_origins));
    }
    web::http_layers(app, &state.web).with_state(state)
}

fn cors_layer(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            HeaderName::from_static("x-api-key"),
        ])
        .expose_headers([header::RETRY_AFTER])
}

/// Creates the demo account if it does not exist.
pub async fn seed_demo(state: &AppState) -> Result<bool, String> {
    let hash = crypto::bounded_hashing(|| crypto::hash_password("demo-password"))
        .await
        .map_err(|e| e.to_string())?;
    state
        .db
        .call(move |c| {
            if db::user_by_email(c, "demo@example.com")?.is_some() {
                return Ok(false);
            }
            let id = db::insert_user(c, "demo@example.com", &hash, "Dana", "Demo", clock::now())?;
            Ok(id.is_some())
        })
        .await
        .map_err(|e| format!("cannot seed the demo account: {e}"))
}

/// A server running in the background.
pub struct RunningServer {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningServer {
    /// Base URL such as `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for the server to finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }

    /// Waits until the server stops (it does not on its own).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// Prepares everything, binds `config.bind` and serves in a background task.
pub async fn start(config: Config) -> Result<RunningServer, String> {
    start_with(config, Router::new()).await
}

/// Like [`start`], with `extra` routes served beside the API (see [`router_with`]).
pub async fn start_with(config: Config, extra: Router<AppState>) -> Result<RunningServer, String> {
    let (bind, seed, connections) = (config.bind, config.seed_demo, config.connections);
    let state = prepare(config)?;
    if seed && seed_demo(&state).await? {
        tracing::info!("created the demo account demo@example.com");
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = router_with(state, extra);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve::serve(listener, app, connections, async {
        let _ = rx.await;
    }));
    Ok(RunningServer {
        addr,
        shutdown: Some(tx),
        task,
    })
}
