import { useLoaderData } from 'react-router';
import { supabase } from '../lib/supabase.server';

export async function loader() {
  const { data } = await supabase.from('products').select('id, title').limit(20);
  return { products: data ?? [] };
}

export default function Index() {
  const { products } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Products</h1>
      <ul>
        {products.map((product) => (
          <li key={product.id}>{product.title}</li>
        ))}
      </ul>
    </main>
  );
}
