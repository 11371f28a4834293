import { Kafka, logLevel, EachMessagePayload } from 'kafkajs';
import { Pool } from 'pg';
import * as grpc from '@grpc/grpc-js';
import { NotificationServiceClient } from './gen/notification_grpc_pb';
import { NotifyRequest } from './gen/notification_pb';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');

const kafka = new Kafka({
  clientId: 'order-projector',
  brokers,
  logLevel: logLevel.WARN,
  retry: { initialRetryTime: 300, retries: 8 },
});

const pool = new Pool({
  host: process.env.PGHOST ?? 'localhost',
  port: Number(process.env.PGPORT ?? 5432),
  database: 'projections',
  max: 4,
});

const notifier = new NotificationServiceClient(
  process.env.NOTIFY_ADDR ?? 'notifications:50051',
  grpc.credentials.createInsecure(),
);

const TOPIC = 'orders.v1';
const BATCH_LIMIT = 500;

interface OrderEvent {
  type: 'created' | 'paid' | 'shipped';
  orderId: string;
  total: number;
  at: string;
}

async function handle({ partition, message }: EachMessagePayload): Promise<void> {
  if (!message.value) return;
  const event = JSON.parse(message.value.toString()) as OrderEvent;
  await pool.query(
    `INSERT INTO order_status (order_id, status, total, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`,
    [event.orderId, event.type, event.total, event.at],
  );
  if (event.type === 'shipped') {
    const req = new NotifyRequest();
    req.setOrderId(event.orderId);
    req.setTemplate('order-shipped');
    notifier.notify(req, (err) => {
      if (err) console.error(`notify ${event.orderId} failed on partition ${partition}: ${err.code}`);
    });
  }
}

export async function run(): Promise<void> {
  const consumer = kafka.consumer({ groupId: 'order-projector', sessionTimeout: 30000, maxBytes: 1048576 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: false });
  await consumer.run({ partitionsConsumedConcurrently: 3, eachMessage: handle });
  console.log(`consuming ${TOPIC} from ${brokers.join(',')} (batch limit ${BATCH_LIMIT})`);
}
