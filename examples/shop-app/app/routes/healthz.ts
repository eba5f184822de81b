export function loader() {
  return new Response('ok', { headers: { 'cache-control': 'no-store' } });
}
