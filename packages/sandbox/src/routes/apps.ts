import { badRequest } from '../errors';
import type { SimApp } from '../model';
import { type Route, route } from '../router';
import { type ApiDeps, isObject } from './deps';

export function appJson(app: SimApp) {
  const machines = [...app.machines.values()].filter((machine) => machine.state !== 'destroyed');
  return {
    id: app.id,
    name: app.name,
    internal_numeric_id: app.internalNumericId,
    network: app.network,
    status: machines.length > 0 ? 'deployed' : 'pending',
    machine_count: machines.length,
    volume_count: 0,
    organization: { name: app.org, slug: app.org, internal_numeric_id: 1 },
  };
}

export function appRoutes({ platform, appCreated, appDeleted }: ApiDeps): Route[] {
  return [
    route('GET', '/v1/apps', ({ query }) => {
      const org = query.get('org_slug');
      const apps = [...platform.apps.values()].filter((app) => !org || app.org === org).map(appJson);
      return { status: 200, body: { total_apps: apps.length, apps } };
    }),
    route('POST', '/v1/apps', async ({ body }) => {
      if (!isObject(body)) throw badRequest('a JSON body is required');
      // fly-go sends `name`; the old OpenAPI description calls it `app_name`. Both are accepted.
      const name = typeof body.name === 'string' ? body.name : body.app_name;
      if (typeof name !== 'string' || name === '') throw badRequest('name is required');
      const org = typeof body.org_slug === 'string' && body.org_slug ? body.org_slug : 'personal';
      const network = typeof body.network === 'string' && body.network ? body.network : 'default';
      const app = platform.createApp(name, org, network);
      await appCreated(app.name);
      return { status: 201, body: appJson(app) };
    }),
    route('GET', '/v1/apps/{app}', ({ params }) => ({
      status: 200,
      body: appJson(platform.app(params.app!)),
    })),
    route('DELETE', '/v1/apps/{app}', async ({ params }) => {
      const app = platform.app(params.app!);
      await Promise.all(
        [...app.machines.values()]
          .filter((machine) => machine.state !== 'destroyed')
          .map((machine) => platform.lifecycle.destroy(machine, 'user')),
      );
      platform.apps.delete(app.name);
      await appDeleted(app.name);
      return { status: 202 };
    }),
  ];
}
