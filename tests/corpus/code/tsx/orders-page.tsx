import type { GetServerSideProps, NextPage } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import { useRouter } from 'next/router';

const API_URL = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:8080';
const PAGE_SIZE = 20;

type Order = { id: number; customer: string; total: number; status: 'new' | 'paid' | 'shipped' };

interface Props {
  orders: Order[];
  page: number;
  total: number;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ query, req }) => {
  const page = Math.max(1, Number(query.page ?? 1));
  const res = await fetch(`${API_URL}/orders?limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}`, {
    headers: { cookie: req.headers.cookie ?? '' },
  });
  if (res.status === 401) {
    return { redirect: { destination: '/login', permanent: false } };
  }
  if (res.status === 404) {
    return { notFound: true };
  }
  const body = (await res.json()) as { items: Order[]; total: number };
  return { props: { orders: body.items, page, total: body.total } };
};

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

const OrdersPage: NextPage<Props> = ({ orders, page, total }) => {
  const router = useRouter();
  const pages = Math.ceil(total / PAGE_SIZE);

  return (
    <>
      <Head>
        <title>Orders ({total})</title>
        <link rel="preconnect" href="http://localhost:8080" />
      </Head>
      <main className="orders">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>Customer</th>
              <th>Total</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o, i) => (
              <tr key={o.id} className={i % 2 === 0 ? 'even' : 'odd'} onClick={() => router.push(`/orders/${o.id}`)}>
                <td>{(page - 1) * PAGE_SIZE + i + 1}</td>
                <td>{o.customer}</td>
                <td>{currency.format(o.total / 100)}</td>
                <td>{o.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav>
          {page > 1 && <Link href={`/orders?page=${page - 1}`}>Previous</Link>}
          <span>
            {page} / {pages}
          </span>
          {page < pages && <Link href={`/orders?page=${page + 1}`}>Next</Link>}
        </nav>
        <a href="http://localhost:5555" className="muted">
          Open Prisma Studio
        </a>
      </main>
    </>
  );
};

export default OrdersPage;
