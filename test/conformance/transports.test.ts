/** The transport conformance suite over each transport, against a local gateway in another container, on the demo data. */
import { seedDemo } from '../../seed/demo.js';
import { useTestDatabase } from '../support/harness.js';
import { useGateway } from '../support/gateway.js';
import { defineTransportSuite } from './transportSuite.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const reference = useGateway(apps, { transport: 'local', runtime: () => apps.anotherContainer(), responseCacheTtlSeconds: 0 });

for (const transport of ['local', 'http', 'lambda'] as const) defineTransportSuite(transport, { apps, reference });
