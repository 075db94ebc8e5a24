import { Stack, type Duration } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { LakeRecord } from '../../pipeline/event/queuedEvent.js';
import type { Tombstone } from '../../pipeline/lake/layout.js';
import type { AppName } from '../../runtime/tenancy.js';
import { EVENTS_PREFIX, TOMBSTONES_PREFIX } from './LakeDelivery.js';

/** The Hive types Athena reads a JSON value of type `T` as, through the JSON SerDe. */
type HiveType<T> = T extends number ? 'bigint' | 'int' | 'double' : T extends boolean ? 'boolean' : T extends string ? 'string' : T extends Record<string, string> ? 'map<string,string>' : never;

interface GlueColumn {
  name: string;
  type: string;
  comment?: string;
}

interface Column<T> extends GlueColumn {
  type: HiveType<T>;
}

/** One column per field of `Row`, keyed by its JSON name: a field without its column, or with a type Athena would misread, does not compile. */
type ColumnsOf<Row> = { readonly [Field in keyof Row]-?: Column<NonNullable<Row[Field]>> };

/** The events table's columns, in its order: every field of a lake record (pipeline/event/queuedEvent.ts). */
const EVENT_COLUMNS: ColumnsOf<LakeRecord> = {
  userId: { name: 'user_id', type: 'bigint' },
  clientEventId: { name: 'client_event_id', type: 'string' },
  type: { name: 'type', type: 'string' },
  occurredAt: { name: 'occurred_at', type: 'string', comment: 'ISO 8601 UTC, on the device clock; from_iso8601_timestamp() in queries' },
  sentAt: { name: 'sent_at', type: 'string', comment: 'ISO 8601 UTC, the device clock when it sent the event; null when the app gave none' },
  receivedAt: { name: 'received_at', type: 'string', comment: 'ISO 8601 UTC, the server clock when it received the event' },
  correctedAt: { name: 'corrected_at', type: 'string', comment: 'ISO 8601 UTC, occurred_at on the server clock (dt is its day); what the rollups count' },
  clockClamped: { name: 'clock_clamped', type: 'string', comment: 'future or past when corrected_at was clamped; null otherwise' },
  durationMs: { name: 'duration_ms', type: 'bigint' },
  conceptId: { name: 'concept_id', type: 'bigint' },
  contentByteId: { name: 'content_byte_id', type: 'bigint' },
  correct: { name: 'correct', type: 'boolean' },
  attributes: { name: 'attributes', type: 'map<string,string>' },
};

/** The columns of a tombstone (pipeline/lake/layout.ts encodeTombstone): the erased person's id and the erasure time, nothing else. */
const TOMBSTONE_COLUMNS: ColumnsOf<Tombstone> = {
  userId: { name: 'user_id', type: 'bigint' },
  erasedAt: { name: 'erased_at', type: 'string', comment: 'ISO 8601 UTC' },
};

/** A table's columns in order, each with the JSON key the SerDe maps it from. */
const columnsOf = (columns: Readonly<Record<string, GlueColumn>>) => Object.entries(columns).map(([json, { name, type, comment }]) => ({ name, json, type, comment }));

/** Where a table of JSON lines under `location` finds its rows, and how it reads `columns` from them. */
const jsonLines = (location: string, columns: ReturnType<typeof columnsOf>): glue.CfnTable.StorageDescriptorProperty => ({
  location,
  inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  serdeInfo: {
    serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
    // The SerDe lower-cases JSON keys before it matches them.
    parameters: Object.fromEntries(columns.map(({ name, json }) => [`mapping.${name}`, json.toLowerCase()])),
  },
  columns: columns.map(({ name, type, comment }) => ({ name, type, comment })),
});

/** The view analysts query: the events without those of erased people. */
const EVENTS_KEPT_VIEW = 'events_kept';

/** Athena (Trino) spells some Hive types of the Glue columns differently in a view's definition. */
const viewType = (hive: string) => hive === 'string' ? 'varchar' : hive === 'map<string,string>' ? 'map(varchar,varchar)' : hive;

export interface LakeCatalogProps {
  readonly app: AppName;
  /** The lake's bucket: the tables' location, and the workgroup's results. */
  readonly bucket: s3.IBucket;
  /** How far back the events table projects its days: the lake's retention. */
  readonly retention: Duration;
}

/**
 * What analysts query the lake through: a Glue database with the events table (partition
 * projection, so new days are queryable at once: no crawler, no MSCK REPAIR), the tombstones table
 * and the `events_kept` view, and an Athena workgroup with its own result location and a scan limit.
 *
 * Erased people: the erasure writes a tombstone per person under `events/tombstones/app=<app>/`;
 * the `events_kept` view leaves out every event of a person with a tombstone. Analysts are granted
 * the view (and the tombstones table it reads), never the `events` table, which still holds the
 * erased people's records until they expire.
 */
export class LakeCatalog extends Construct {
  readonly databaseName: string;
  readonly workGroup: athena.CfnWorkGroup;
  private readonly catalogId: string;

  constructor(scope: Construct, id: string, { app, bucket, retention }: LakeCatalogProps) {
    super(scope, id);
    this.databaseName = `learning_graph_${app}`;
    this.catalogId = Stack.of(this).account;
    const database = new glue.CfnDatabase(this, 'GlueDatabase', {
      catalogId: this.catalogId,
      databaseInput: { name: this.databaseName, description: `Raw analytics events of ${app}` },
    });
    for (const table of [this.createEventsTable(app, bucket, retention), this.createTombstonesTable(app, bucket), this.createEventsKeptView()]) {
      table.node.addDependency(database);
    }
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `learning-graph-${app}`,
      description: `Queries over the raw analytics events of ${app}`,
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: bucket.s3UrlForObject('athena-results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }

  private createEventsTable(app: AppName, bucket: s3.IBucket, retention: Duration): glue.CfnTable {
    const location = bucket.s3UrlForObject(`${EVENTS_PREFIX}/`);
    return new glue.CfnTable(this, 'EventsTable', {
      catalogId: this.catalogId,
      databaseName: this.databaseName,
      tableInput: {
        name: 'events',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [
          { name: 'app', type: 'string' },
          { name: 'dt', type: 'string' },
        ],
        parameters: {
          classification: 'json',
          compressionType: 'gzip',
          // Partitions are computed from the path template, so new days are queryable at once.
          'projection.enabled': 'true',
          'projection.app.type': 'enum',
          'projection.app.values': app,
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          'projection.dt.range': `NOW-${retention.toDays()}DAYS,NOW+1DAYS`,
          'projection.dt.interval': '1',
          'projection.dt.interval.unit': 'DAYS',
          'storage.location.template': `${location}app=\${app}/dt=\${dt}/`,
        },
        storageDescriptor: jsonLines(location, columnsOf(EVENT_COLUMNS)),
      },
    });
  }

  private createTombstonesTable(app: AppName, bucket: s3.IBucket): glue.CfnTable {
    const location = bucket.s3UrlForObject(`${TOMBSTONES_PREFIX}/`);
    return new glue.CfnTable(this, 'TombstonesTable', {
      catalogId: this.catalogId,
      databaseName: this.databaseName,
      tableInput: {
        name: 'tombstones',
        description: 'One row per erased person: the id and the erasure time',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'app', type: 'string' }],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.app.type': 'enum',
          'projection.app.values': app,
          'storage.location.template': `${location}app=\${app}/`,
        },
        storageDescriptor: jsonLines(location, columnsOf(TOMBSTONE_COLUMNS)),
      },
    });
  }

  /**
   * The view as a Glue table of type VIRTUAL_VIEW, the form Athena itself stores a view in (its
   * definition base64-encoded in `ViewOriginalText`), so it exists once the stack is deployed and
   * changes with it; a named query would only save the CREATE VIEW for someone to run.
   */
  private createEventsKeptView(): glue.CfnTable {
    const columns = [...columnsOf(EVENT_COLUMNS), { name: 'app', type: 'string', comment: undefined }, { name: 'dt', type: 'string', comment: undefined }];
    const db = `"${this.databaseName}"`;
    const originalSql = `SELECT ${columns.map(({ name }) => `e.${name}`).join(', ')} FROM ${db}."events" e `
      + `WHERE NOT EXISTS (SELECT 1 FROM ${db}."tombstones" t WHERE t.app = e.app AND t.user_id = e.user_id)`;
    const definition = {
      originalSql,
      catalog: 'awsdatacatalog',
      schema: this.databaseName,
      columns: columns.map(({ name, type }) => ({ name, type: viewType(type) })),
    };
    return new glue.CfnTable(this, 'EventsKeptView', {
      catalogId: this.catalogId,
      databaseName: this.databaseName,
      tableInput: {
        name: EVENTS_KEPT_VIEW,
        description: 'The events without those of erased people (a tombstone of theirs exists); what analysts query',
        tableType: 'VIRTUAL_VIEW',
        parameters: { presto_view: 'true', comment: 'Presto View' },
        viewOriginalText: `/* Presto View: ${Buffer.from(JSON.stringify(definition)).toString('base64')} */`,
        viewExpandedText: '/* Presto View */',
        storageDescriptor: {
          columns: columns.map(({ name, type, comment }) => ({ name, type, comment })),
          serdeInfo: {},
        },
      },
    });
  }
}
