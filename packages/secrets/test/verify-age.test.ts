import { describe, expect, it } from 'vitest';
import { ageReport } from '../src/age';
import { verifyTarget } from '../src/verify';

describe('verifyTarget', () => {
  const at = new Date('2026-03-01T10:00:00.500Z');
  it('checks presence, that writes show, and that deletions took', () => {
    const items = verifyTarget({
      mirror: 'm',
      target: 't',
      expected: ['A', 'B', 'C', 'D'],
      written: new Map([
        ['A', at],
        ['B', at],
        ['D', at],
      ]),
      deleted: new Set(['OLD']),
      before: [
        { name: 'A', updatedAt: '2026-02-01T00:00:00Z' },
        { name: 'B', updatedAt: '2026-02-01T00:00:00Z' },
        { name: 'D', updatedAt: '2026-02-01T00:00:00Z', digest: 'd1' },
      ],
      after: [
        { name: 'A', updatedAt: '2026-03-01T10:00:00Z' },
        { name: 'B', updatedAt: '2026-02-01T00:00:00Z' },
        { name: 'D', updatedAt: '2026-02-01T00:00:00Z', digest: 'd2' },
        { name: 'OLD', updatedAt: '2026-01-01T00:00:00Z' },
      ],
    });
    expect(items.map((item) => `${item.name} ${item.status}${item.written ? ' (written)' : ''}`)).toEqual([
      'A ok (written)',
      'B not-updated (written)',
      'C missing',
      'D ok (written)',
      'OLD still-present',
    ]);
  });
});

describe('ageReport', () => {
  it('counts whole days and marks overdue past the limit', () => {
    const items = ageReport({
      mirror: 'm',
      target: 't',
      names: ['db_url', 'KEY', 'ABSENT'],
      remote: [
        { name: 'DB_URL', updatedAt: '2026-01-01T00:00:00Z' },
        { name: 'KEY', updatedAt: '2026-02-28T00:00:00Z' },
      ],
      maxAgeDays: 30,
      now: new Date('2026-03-01T12:00:00Z'),
      key: (name) => name.toUpperCase(),
    });
    expect(items).toEqual([
      {
        mirror: 'm',
        target: 't',
        name: 'DB_URL',
        updatedAt: '2026-01-01T00:00:00Z',
        ageDays: 59,
        overdue: true,
      },
      {
        mirror: 'm',
        target: 't',
        name: 'KEY',
        updatedAt: '2026-02-28T00:00:00Z',
        ageDays: 1,
        overdue: false,
      },
    ]);
  });
});
