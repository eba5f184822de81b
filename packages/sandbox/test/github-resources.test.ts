import { describe, expect, it } from 'vitest';
import { gitHubSandboxForFile, links } from './github-helpers';

const { sandbox, call, repoId } = await gitHubSandboxForFile();
const repoScope = { kind: 'repository', owner: 'shop-co', repo: 'shop-app' } as const;
const orgScope = { kind: 'organization', org: 'shop-co' } as const;
const repoVariables = '/repos/shop-co/shop-app/actions/variables';

type VariableList = { total_count: number; variables: Array<{ name: string; value: string }> };

describe('variables', () => {
  it('create 201, 409 when it exists, get, patch 204 (also a rename), delete 204', async () => {
    const created = await call('POST', repoVariables, { body: { name: 'region', value: 'iad' } });
    expect(created.status).toBe(201);
    const again = await call('POST', repoVariables, { body: { name: 'REGION', value: 'ams' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: '409' });
    expect((await call('GET', `${repoVariables}/region`)).body).toMatchObject({
      name: 'REGION',
      value: 'iad',
    });

    const patched = await call('PATCH', `${repoVariables}/REGION`, { body: { value: 'ams' } });
    expect(patched.status).toBe(204);
    expect(sandbox.variables(repoScope)).toEqual([expect.objectContaining({ name: 'REGION', value: 'ams' })]);
    expect(
      (await call('PATCH', `${repoVariables}/REGION`, { body: { name: 'PRIMARY_REGION' } })).status,
    ).toBe(204);
    expect((await call('GET', `${repoVariables}/REGION`)).status).toBe(404);
    expect((await call('GET', `${repoVariables}/PRIMARY_REGION`)).body.value).toBe('ams');

    expect((await call('POST', repoVariables, { body: { name: 'GITHUB_X', value: 'v' } })).status).toBe(422);
    expect((await call('PATCH', `${repoVariables}/MISSING`, { body: { value: 'v' } })).status).toBe(404);
    expect((await call('DELETE', `${repoVariables}/PRIMARY_REGION`)).status).toBe(204);
    expect((await call('DELETE', `${repoVariables}/PRIMARY_REGION`)).status).toBe(404);
    expect(sandbox.variables(repoScope)).toEqual([]);
  });

  it('lists page by 10 by default and at most 30', async () => {
    for (let index = 0; index < 35; index++)
      await call('POST', repoVariables, {
        body: { name: `V_${String(index).padStart(2, '0')}`, value: `${index}` },
      });
    const first = await call<VariableList>('GET', repoVariables);
    expect(first.body.total_count).toBe(35);
    expect(first.body.variables).toHaveLength(10);
    expect(first.body.variables[0]).toMatchObject({ name: 'V_00', value: '0' });
    expect(links(first.headers.get('link')).last).toBe(
      `${sandbox.apiUrl}${repoVariables}?per_page=10&page=4`,
    );
    const wide = await call<VariableList>('GET', `${repoVariables}?per_page=100`);
    expect(wide.body.variables).toHaveLength(30);
    expect(links(wide.headers.get('link')).next).toMatch(/per_page=30&page=2$/);
  });

  it('environment and organisation variables', async () => {
    const envVariables = '/repos/shop-co/shop-app/environments/staging/variables';
    expect(
      (await call('POST', envVariables, { body: { name: 'URL', value: 'https://staging' } })).status,
    ).toBe(201);
    expect(sandbox.variables({ ...repoScope, kind: 'environment', environment: 'staging' })).toEqual([
      expect.objectContaining({ name: 'URL', value: 'https://staging' }),
    ]);
    const org = '/orgs/shop-co/actions/variables';
    const orgCreate = await call('POST', org, {
      body: { name: 'TEAM', value: 'shop', visibility: 'selected', selected_repository_ids: [repoId] },
    });
    expect(orgCreate.status).toBe(201);
    const listed = await call<{ variables: Array<Record<string, unknown>> }>('GET', org);
    expect(listed.body.variables[0]).toMatchObject({ name: 'TEAM', visibility: 'selected' });
    expect(sandbox.variables(orgScope)[0]).toMatchObject({
      visibility: 'selected',
      selectedRepositoryIds: [repoId],
    });
    // The schema requires visibility on an org variable.
    expect((await call('POST', org, { body: { name: 'NO_VIS', value: 'x' } })).status).toBe(422);
  });
});

describe('environments', () => {
  it('GET 404 when missing, PUT creates (200) and updates, list', async () => {
    const path = '/repos/shop-co/shop-app/environments/production';
    const missing = await call('GET', path);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found');

    const created = await call('PUT', path);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'production',
      protection_rules: [],
      deployment_branch_policy: null,
    });
    expect((await call('GET', path)).status).toBe(200);

    const updated = await call<{ protection_rules: Array<{ type: string }> }>('PUT', path, {
      body: {
        wait_timer: 5,
        reviewers: [{ type: 'User', id: 42 }],
        deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.protection_rules.map((rule) => rule.type)).toEqual([
      'wait_timer',
      'required_reviewers',
      'branch_policy',
    ]);
    const invalid = await call('PUT', path, {
      body: { deployment_branch_policy: { protected_branches: true, custom_branch_policies: true } },
    });
    expect(invalid.status).toBe(422);
    expect((await call('PUT', path, { body: { wait_timer: 50_000 } })).status).toBe(422);

    const list = await call<{ total_count: number; environments: Array<{ name: string }> }>(
      'GET',
      '/repos/shop-co/shop-app/environments',
    );
    expect(list.body.environments.map((environment) => environment.name)).toEqual(['production', 'staging']);
    expect(
      sandbox.environments('shop-co', 'shop-app').find((env) => env.name === 'production'),
    ).toMatchObject({
      waitTimer: 5,
      reviewers: [{ type: 'User', id: 42 }],
    });
    expect((await call('GET', '/repos/shop-co/shop-app/environments/PRODUCTION')).status).toBe(200);
    expect((await call('PUT', '/repos/shop-co/missing/environments/production')).status).toBe(404);
  });

  it('names with a slash travel URL-encoded', async () => {
    expect((await call('PUT', '/repos/shop-co/shop-app/environments/review%2Fpr-7')).status).toBe(200);
    expect(sandbox.environments('shop-co', 'shop-app').map((env) => env.name)).toContain('review/pr-7');
    expect((await call('GET', '/repos/shop-co/shop-app/environments/review%2Fpr-7')).body.name).toBe(
      'review/pr-7',
    );
  });
});

describe('deployments and statuses', () => {
  const deployments = '/repos/shop-co/shop-app/deployments';
  type Deployment = { id: number; sha: string; environment: string; production_environment: boolean };

  it('201 with the deployment; 202 and no deployment when auto_merge merges first', async () => {
    const created = await call<Deployment>('POST', deployments, {
      body: {
        ref: 'main',
        environment: 'staging',
        auto_merge: false,
        required_contexts: [],
        payload: { image: 'v2' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      environment: 'staging',
      production_environment: false,
      payload: { image: 'v2' },
    });
    expect(created.body.sha).toMatch(/^[0-9a-f]{40}$/);

    const merged = await call('POST', deployments, { body: { ref: 'needs-merge', environment: 'staging' } });
    expect(merged.status).toBe(202);
    expect(merged.body.message).toMatch(/Auto-merged/);
    expect(
      (await call('POST', deployments, { body: { ref: 'needs-merge', auto_merge: false } })).status,
    ).toBe(201);
    expect(sandbox.deployments('shop-co', 'shop-app').map((deployment) => deployment.ref)).toEqual([
      'main',
      'needs-merge',
    ]);
    expect(sandbox.deployments('shop-co', 'shop-app')[1]).toMatchObject({
      environment: 'production',
      productionEnvironment: true,
    });
    expect((await call('POST', deployments, { body: { environment: 'staging' } })).status).toBe(422);
  });

  it('statuses: 201 with Location, listed newest first, success marks older staging deployments inactive', async () => {
    const [first] = sandbox.deployments('shop-co', 'shop-app');
    const status = await call('POST', `${deployments}/${first!.id}/statuses`, {
      body: { state: 'success', environment_url: 'https://staging.example', log_url: 'https://ci/run/1' },
    });
    expect(status.status).toBe(201);
    expect(status.headers.get('location')).toBe(status.body.url);
    expect(status.body).toMatchObject({
      state: 'success',
      target_url: 'https://ci/run/1',
      log_url: 'https://ci/run/1',
    });

    const second = await call<Deployment>('POST', deployments, {
      body: { ref: 'v2', environment: 'staging', auto_merge: false, required_contexts: [] },
    });
    await call('POST', `${deployments}/${second.body.id}/statuses`, { body: { state: 'in_progress' } });
    await call('POST', `${deployments}/${second.body.id}/statuses`, { body: { state: 'success' } });
    const listed = await call<Array<{ state: string }>>('GET', `${deployments}/${second.body.id}/statuses`);
    expect(listed.body.map((entry) => entry.state)).toEqual(['success', 'in_progress']);
    const snapshot = sandbox.deployments('shop-co', 'shop-app');
    expect(snapshot[0]?.statuses.map((entry) => entry.state)).toEqual(['success', 'inactive']);
    expect(snapshot[0]?.statuses[0]?.environmentUrl).toBe('https://staging.example');

    expect((await call('POST', `${deployments}/999/statuses`, { body: { state: 'success' } })).status).toBe(
      404,
    );
    const long = await call('POST', `${deployments}/${second.body.id}/statuses`, {
      body: { state: 'failure', description: 'x'.repeat(141) },
    });
    expect(long.status).toBe(422);
  });

  it('lists newest first, filtered by environment', async () => {
    const list = await call<Deployment[]>('GET', `${deployments}?environment=staging`);
    expect(list.body.map((deployment) => deployment.environment)).toEqual(['staging', 'staging']);
    expect(list.body[0]!.id).toBeGreaterThan(list.body[1]!.id);
  });
});
