//! Serving the app until SIGINT or SIGTERM.

use std::net::SocketAddr;

use app::state::{AppState, Settings};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::router::router;
use crate::site::leptos_options;

pub fn app_state(
    db: DatabaseConnection,
    site_root: &str,
    addr: SocketAddr,
    settings: Settings,
) -> AppState {
    AppState {
        leptos_options: leptos_options(site_root, addr),
        db,
        settings,
    }
}

/// Serves on an already bound listener until `shutdown` resolves.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

pub async fn run(db: DatabaseConnection, args: ServeArgs) -> anyhow::Result<()> {
    if args.demo && app::services::demo::is_empty(&db).await? {
        let report = app::services::demo::seed(&db).await?;
        tracing::info!(country = %report.country.code, "loaded the demo data");
    }
    let listener = TcpListener::bind(args.addr).await?;
    let addr = listener.local_addr()?;
    let settings = Settings {
        secure_cookies: args.secure_cookies,
        behind_proxy: args.behind_proxy,
        metrics: args.metrics,
    };
    let state = app_state(db, &args.site_root, addr, settings);
    println!("Compact Tracker is listening on http://{addr}");
    serve_on(listener, state, shutdown_signal()).await?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
