//! todo-service: a small axum API over PostgreSQL.

use std::env;
use std::net::SocketAddr;
use std::time::Duration;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    routing::get,
    Json, Router,
};
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgPool, PgPoolOptions};
use tokio::net::TcpListener;
use tracing::info;

const DEFAULT_DATABASE_URL: &str = "postgres://todo:todo@localhost:5432/todo";
const MAX_CONNECTIONS: u32 = 16;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
struct AppState {
    pool: PgPool,
}

#[derive(Serialize, sqlx::FromRow)]
struct Todo {
    id: i64,
    title: String,
    done: bool,
}

#[derive(Deserialize)]
struct NewTodo {
    title: String,
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<Todo>>, StatusCode> {
    sqlx::query_as::<_, Todo>("SELECT id, title, done FROM todos ORDER BY id LIMIT 100")
        .fetch_all(&state.pool)
        .await
        .map(Json)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

async fn get_one(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Json<Todo>, StatusCode> {
    match sqlx::query_as::<_, Todo>("SELECT id, title, done FROM todos WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.pool)
        .await
    {
        Ok(Some(todo)) => Ok(Json(todo)),
        Ok(None) => Err(StatusCode::NOT_FOUND),
        Err(_) => Err(StatusCode::from_u16(503).unwrap()),
    }
}

async fn create(State(state): State<AppState>, Json(new): Json<NewTodo>) -> Result<(StatusCode, Json<Todo>), StatusCode> {
    if new.title.is_empty() || new.title.len() > 200 {
        return Err(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let todo = sqlx::query_as::<_, Todo>("INSERT INTO todos (title) VALUES ($1) RETURNING id, title, done")
        .bind(&new.title)
        .fetch_one(&state.pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok((StatusCode::CREATED, Json(todo)))
}

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt::init();

    let database_url = env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
    let port: u16 = env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);

    let pool = PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(Duration::from_secs(5))
        .connect(&database_url)
        .await?;

    let state = AppState { pool };
    let app = Router::new()
        .route("/todos", get(list).post(create))
        .route("/todos/:id", get(get_one))
        .route("/health", get(health))
        .layer(tower_http::timeout::TimeoutLayer::new(REQUEST_TIMEOUT))
        .with_state(state);

    let addr = SocketAddr::from(([0, 0, 0, 0], port));
    let listener = TcpListener::bind(addr).await?;
    info!("listening on {}", addr);

    let admin = Router::new().route("/metrics", get(|| async { "# metrics\n" }));
    let admin_listener = TcpListener::bind("127.0.0.1:9464").await?;
    tokio::spawn(async move { axum::serve(admin_listener, admin).await });

    axum::serve(listener, app).await?;
    Ok(())
}
