/** Every fault of test/support/faultMatrix.ts against the alertmanager and pagerduty sources. */
import { AlertmanagerSource } from '../../../src/sources/alertmanagerSource';
import { PagerDutySource } from '../../../src/sources/pagerdutySource';
import { json } from '../../support/faultServer';
import { defineFaultMatrix } from '../../support/faultMatrix';

const payments = { name: 'payments', root: '', pathMappings: [], runbooks: [], pagerduty: 'PIJ90N7' };

defineFaultMatrix({
  type: 'alertmanager',
  build: (url, credentials) => AlertmanagerSource.fromConfig({ type: 'alertmanager', name: 'alertmanager', url, timeout: '2s' }, [payments], credentials),
  healthy: () =>
    json([
      {
        labels: { alertname: 'Payments5xx', service: 'payments' },
        annotations: { summary: 'errors', runbook_url: 'docs/runbooks/payments-5xx.md' },
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2026-01-01T04:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
        fingerprint: '0f1e2d3c4b5a6978',
        receivers: [{ name: 'team' }],
        status: { state: 'active', silencedBy: [], inhibitedBy: [] },
        generatorURL: 'http://prometheus:9090/graph',
      },
    ]),
});

defineFaultMatrix({
  type: 'pagerduty',
  build: (url, credentials) => PagerDutySource.fromConfig({ type: 'pagerduty', name: 'pagerduty', url, timeout: '2s' }, [payments], credentials),
  healthy: () => json({ incidents: [{ id: 'PT4KHLK', type: 'incident', title: 'The server is on fire.', created_at: '2015-10-06T21:30:42Z', status: 'triggered', html_url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK', service: { id: 'PIJ90N7' } }], limit: 100, offset: 0, more: false, total: null }),
});
