import { userInfo } from "node:os";
import { InvalidOptionError } from "@backprop/errors";
import type { Pool, PoolClient } from "pg";
import {
  distributionFromJson,
  distributionToJson,
  incompatibility,
  toInternal,
} from "./distributions.js";
import { DuplicatedStudyError } from "./duplicated-study-error.js";
import { formatOptunaDatetime } from "./journal-datetime.js";
import { freeze, frozenRecord, isFinished, type ReplayTrial } from "./journal-replay.js";
import {
  OPTUNA_ALEMBIC_HEAD,
  OPTUNA_ENUM_TYPES,
  OPTUNA_LIBRARY_VERSION,
  OPTUNA_SCHEMA_VERSION,
  OPTUNA_TABLES,
} from "./postgres-schema.js";
import { parseJsonLine, pyDumps } from "./python-json.js";
import { StorageError } from "./storage-error.js";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  Storage,
  StudyDirection,
  StudySummary,
  TrialState,
  TrialTemplate,
} from "./types.js";

/**
 * Options of {@link PostgresStorage.open} (and of `openStorage` for `postgres://` URLs).
 *
 * @example
 * ```ts
 * import type { PostgresStorageOptions } from "@backprop/hpo";
 * const options: PostgresStorageOptions = { maxConnections: 2, createTables: true };
 * console.log(options.maxConnections); // 2
 * ```
 */
export interface PostgresStorageOptions {
  /** Connections in this process's pool (default 4). */
  readonly maxConnections?: number;
  /**
   * Create Optuna's tables (and its version rows) when they are missing, in one transaction.
   * Default true; false expects a database Optuna (or backprop) has set up.
   */
  readonly createTables?: boolean;
}

const DIRECTION_NAME: Readonly<Record<StudyDirection, string>> = {
  minimize: "MINIMIZE",
  maximize: "MAXIMIZE",
};

/** An id for `pg_advisory_xact_lock` while the tables are created ("optuna" in ASCII). */
const CREATE_LOCK = 0x6f7074756e61;

interface Row {
  readonly [column: string]: unknown;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/, "$1:***@");
}

/**
 * The connection settings `poolConfig` derives (a subset of pg's `PoolConfig`, declared here so
 * the published types do not need `@types/pg`).
 */
export interface PostgresConnectionConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database?: string;
  readonly password?: string;
  readonly options?: string;
  readonly application_name: string;
  readonly max: number;
  readonly allowExitOnIdle: boolean;
}

/** A pg pool configuration from a `postgres://` URL: libpq's form, with the PG* defaults. */
export function poolConfig(url: string, max: number): PostgresConnectionConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidOptionError({
      op: "PostgresStorage.open",
      option: "url",
      value: redact(url),
      expected: "a URL postgres://[user[:password]@]host[:port]/database[?options=…]",
    });
  }
  const env = process.env;
  const user = decodeURIComponent(parsed.username) || env.PGUSER || userInfo().username;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || env.PGDATABASE;
  const host = parsed.hostname.replace(/^\[|\]$/g, "") || env.PGHOST || "127.0.0.1";
  const port = Number(parsed.port || env.PGPORT || 5432);
  const options = parsed.searchParams.get("options");
  const applicationName = parsed.searchParams.get("application_name");
  return {
    host,
    port,
    user,
    ...(database === undefined || database === "" ? {} : { database }),
    ...(parsed.password === "" ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(options === null ? {} : { options }),
    application_name: applicationName ?? "backprop-hpo",
    max,
    // Idle connections do not keep the process alive.
    allowExitOnIdle: true,
  };
}

function finiteOrType(value: number, withNan: boolean): [number | null, string] {
  if (value === Number.POSITIVE_INFINITY) return [null, "INF_POS"];
  if (value === Number.NEGATIVE_INFINITY) return [null, "INF_NEG"];
  if (withNan && Number.isNaN(value)) return [null, "NAN"];
  return [value, "FINITE"];
}

function fromStored(value: unknown, type: unknown): number {
  if (type === "INF_POS") return Number.POSITIVE_INFINITY;
  if (type === "INF_NEG") return Number.NEGATIVE_INFINITY;
  if (type === "NAN") return Number.NaN;
  return Number(value);
}

function parseJsonValue(text: unknown): JsonValue {
  if (typeof text !== "string") return null;
  const parsed = parseJsonLine(text);
  return parsed.ok ? (parsed.value as JsonValue) : null;
}

/** A timestamp without time zone as Python's naive local `datetime` (what Optuna writes). */
function localDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * A storage in PostgreSQL on **Optuna 3.1's RDB schema** — the tables of
 * `optuna/storages/_rdb/models.py` (studies, study_directions, study_user_attributes,
 * study_system_attributes, trials, trial_user_attributes, trial_system_attributes,
 * trial_params, trial_values, trial_intermediate_values, trial_heartbeats, version_info and
 * alembic's alembic_version at Optuna 3.1's head revision), created in one transaction when
 * missing — so `optuna.load_study(storage="postgresql://…")` opens a study backprop wrote,
 * and Python and Node workers share one study. Values are stored as Optuna stores them
 * (`FINITE`/`INF_POS`/`INF_NEG`/`NAN` beside a nullable float; JSON attributes as Python's
 * `json.dumps` writes them; distributions as `distribution_to_json`; local naive dates).
 *
 * Trial numbers are assigned under a row lock of the study (as Optuna does); WAITING trials
 * are claimed with `SELECT … FOR UPDATE SKIP LOCKED`, so two workers never take one;
 * heartbeats go to `trial_heartbeats` (Optuna's own heartbeat table), and
 * `study.failStaleTrials` reads them there.
 *
 * @example
 * ```ts
 * import { PostgresStorage } from "@backprop/hpo";
 * console.log(typeof PostgresStorage.open); // function
 * // const storage = await PostgresStorage.open("postgres://127.0.0.1:5432/test");
 * // const study = await createStudy({ storage, studyName: "book", direction: "maximize", seed: 1 });
 * ```
 */
export class PostgresStorage implements Storage {
  readonly url: string;
  readonly #pool: Pool;
  readonly #rawUrl: string;
  /** Finished trials as read once (they never change). */
  readonly #finished = new Map<number, FrozenTrial>();

  private constructor(url: string, pool: Pool) {
    this.url = redact(url);
    this.#rawUrl = url;
    this.#pool = pool;
  }

  /** The URL as given (password included), for worker processes that open the same database. */
  workerUrl(): string {
    return this.#rawUrl;
  }

  /**
   * Connects to the database of a `postgres://` or `postgresql://` URL (user, password, host,
   * port and database as libpq reads them; unset parts from `PGUSER`, `PGHOST`, `PGPORT`,
   * `PGDATABASE`; `?options=-c search_path=…` picks a schema) and creates Optuna's tables
   * if they are missing. A schema stamped with another alembic revision than Optuna 3.1's is a
   * `StorageError` (upgrade it with `optuna storage upgrade`, or use a fresh schema).
   */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const max = options.maxConnections ?? 4;
    if (!Number.isSafeInteger(max) || max < 1)
      throw new InvalidOptionError({
        op: "PostgresStorage.open",
        option: "maxConnections",
        value: max,
        expected: "an integer >= 1",
      });
    const config = poolConfig(url, max);
    let pg: { Pool: typeof Pool };
    try {
      pg = (await import("pg")).default;
    } catch (cause) {
      throw new StorageError({
        storage: redact(url),
        operation: "open",
        reason: "the 'pg' package could not be loaded",
        cause,
      });
    }
    const pool = new pg.Pool(config);
    pool.on("error", () => {}); // an idle connection that dropped; the next query reconnects
    const storage = new PostgresStorage(url, pool);
    try {
      await storage.#setUp(options.createTables ?? true);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return storage;
  }

  #error(operation: string, cause: unknown): StorageError {
    if (StorageError.isInstance(cause)) return cause as StorageError;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new StorageError({ storage: this.url, operation, reason, cause });
  }

  #fail(operation: string, reason: string): never {
    throw new StorageError({ storage: this.url, operation, reason });
  }

  /** Runs `fn` in a transaction (retried once on a serialization failure or deadlock). */
  async #tx<T>(operation: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let client: PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (cause) {
        throw this.#error(operation, cause);
      }
      try {
        await client.query("BEGIN");
        const result = await fn(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (error as { code?: string }).code;
        if ((code === "40001" || code === "40P01") && attempt < 3) continue;
        throw error instanceof Error && "storage" in error ? error : this.#error(operation, error);
      } finally {
        client.release();
      }
    }
  }

  async #query(operation: string, text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.#pool.query(text, values)).rows as Row[];
    } catch (cause) {
      throw this.#error(operation, cause);
    }
  }

  async #setUp(create: boolean): Promise<void> {
    const operation = "open";
    if (!create) {
      const revision = await this.#tx(operation, (client) => this.#alembicRevision(client));
      this.#checkVersion(operation, revision);
      return;
    }
    await this.#tx(operation, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [CREATE_LOCK]);
      for (const [name, labels] of OPTUNA_ENUM_TYPES) {
        const exists = await client.query("SELECT to_regtype($1) AS t", [name]);
        if (exists.rows[0].t === null)
          await client.query(
            `CREATE TYPE ${name} AS ENUM (${labels.map((l) => `'${l}'`).join(", ")})`,
          );
      }
      for (const [, ddl] of OPTUNA_TABLES)
        for (const sql of ddl.split(";\n")) await client.query(sql);
      const info = await client.query("SELECT version_info_id FROM version_info");
      if (info.rowCount === 0)
        await client.query(
          "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, $1, $2)",
          [OPTUNA_SCHEMA_VERSION, OPTUNA_LIBRARY_VERSION],
        );
      const revision = await this.#alembicRevision(client);
      if (revision === undefined)
        await client.query("INSERT INTO alembic_version (version_num) VALUES ($1)", [
          OPTUNA_ALEMBIC_HEAD,
        ]);
      else this.#checkVersion(operation, revision);
    });
  }

  async #alembicRevision(client: PoolClient): Promise<string | undefined> {
    const exists = await client.query("SELECT to_regclass('alembic_version') AS t");
    if (exists.rows[0].t === null) return undefined;
    const rows = await client.query("SELECT version_num FROM alembic_version");
    return rows.rows[0]?.version_num as string | undefined;
  }

  #checkVersion(operation: string, revision: string | undefined): void {
    if (revision === OPTUNA_ALEMBIC_HEAD) return;
    this.#fail(
      operation,
      revision === undefined
        ? "the database has no Optuna tables (open it with createTables: true, or let Optuna create them)"
        : `the Optuna schema is at alembic revision '${revision}'; @backprop/hpo speaks Optuna 3.1's '${OPTUNA_ALEMBIC_HEAD}' (use a fresh database or schema)`,
    );
  }

  async #studyRow(operation: string, client: PoolClient, studyId: number, lock = false) {
    const rows = await client.query(
      `SELECT study_id FROM studies WHERE study_id = $1${lock ? " FOR UPDATE" : ""}`,
      [studyId],
    );
    if (rows.rowCount === 0) this.#fail(operation, `no study with id ${studyId}`);
  }

  /** The trial's number and state, locked; fails when it is missing or (unless claiming) finished. */
  async #updatable(
    operation: string,
    client: PoolClient,
    trialId: number,
  ): Promise<{ number: number; state: TrialState; studyId: number }> {
    const rows = await client.query(
      "SELECT number, state, study_id FROM trials WHERE trial_id = $1 FOR UPDATE",
      [trialId],
    );
    const row = rows.rows[0] as { number: number; state: TrialState; study_id: number } | undefined;
    if (row === undefined) this.#fail(operation, `no trial with id ${trialId}`);
    if (isFinished(row.state))
      this.#fail(operation, `trial ${row.number} has finished (${row.state})`);
    return { number: row.number, state: row.state, studyId: row.study_id };
  }

  createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    return this.#tx("createStudy", async (client) => {
      const existing = await client.query("SELECT study_id FROM studies WHERE study_name = $1", [
        studyName,
      ]);
      if ((existing.rowCount ?? 0) > 0)
        throw new DuplicatedStudyError({ storage: this.url, studyName });
      let studyId: number;
      try {
        const inserted = await client.query(
          "INSERT INTO studies (study_name) VALUES ($1) RETURNING study_id",
          [studyName],
        );
        studyId = inserted.rows[0].study_id as number;
      } catch (error) {
        if ((error as { code?: string }).code === "23505")
          throw new DuplicatedStudyError({ storage: this.url, studyName });
        throw error;
      }
      for (const [objective, d] of directions.entries())
        await client.query(
          "INSERT INTO study_directions (direction, study_id, objective) VALUES ($1, $2, $3)",
          [DIRECTION_NAME[d], studyId, objective],
        );
      return studyId;
    });
  }

  deleteStudy(studyId: number): Promise<void> {
    return this.#tx("deleteStudy", async (client) => {
      await this.#studyRow("deleteStudy", client, studyId, true);
      const trials = "SELECT trial_id FROM trials WHERE study_id = $1";
      for (const table of [
        "trial_heartbeats",
        "trial_intermediate_values",
        "trial_values",
        "trial_params",
        "trial_system_attributes",
        "trial_user_attributes",
      ])
        await client.query(`DELETE FROM ${table} WHERE trial_id IN (${trials})`, [studyId]);
      for (const table of [
        "trials",
        "study_system_attributes",
        "study_user_attributes",
        "study_directions",
        "studies",
      ])
        await client.query(`DELETE FROM ${table} WHERE study_id = $1`, [studyId]);
    });
  }

  async getStudyIdFromName(studyName: string): Promise<number | undefined> {
    const rows = await this.#query(
      "getStudyIdFromName",
      "SELECT study_id FROM studies WHERE study_name = $1",
      [studyName],
    );
    return rows[0]?.study_id as number | undefined;
  }

  async #studies(operation: string, studyId?: number): Promise<StudySummary[]> {
    const where = studyId === undefined ? "" : " WHERE study_id = $1";
    const args = studyId === undefined ? [] : [studyId];
    const [studies, directions, user, system] = await Promise.all([
      this.#query(
        operation,
        `SELECT study_id, study_name FROM studies${where} ORDER BY study_id`,
        args,
      ),
      this.#query(
        operation,
        `SELECT study_id, direction FROM study_directions${where} ORDER BY study_id, objective`,
        args,
      ),
      this.#query(
        operation,
        `SELECT study_id, key, value_json FROM study_user_attributes${where} ORDER BY study_user_attribute_id`,
        args,
      ),
      this.#query(
        operation,
        `SELECT study_id, key, value_json FROM study_system_attributes${where} ORDER BY study_system_attribute_id`,
        args,
      ),
    ]);
    const attrs = (rows: Row[], id: unknown) =>
      frozenRecord(
        new Map(
          rows
            .filter((r) => r.study_id === id)
            .map((r) => [String(r.key), parseJsonValue(r.value_json)]),
        ),
      );
    return studies.map((s) =>
      Object.freeze({
        studyId: s.study_id as number,
        studyName: s.study_name as string,
        directions: Object.freeze(
          directions
            .filter((d) => d.study_id === s.study_id)
            .map((d) => (d.direction === "MAXIMIZE" ? "maximize" : "minimize") as StudyDirection),
        ),
        userAttrs: attrs(user, s.study_id),
        systemAttrs: attrs(system, s.study_id),
      }),
    );
  }

  async getStudy(studyId: number): Promise<StudySummary> {
    const [study] = await this.#studies("getStudy", studyId);
    return study ?? this.#fail("getStudy", `no study with id ${studyId}`);
  }

  getAllStudies(): Promise<StudySummary[]> {
    return this.#studies("getAllStudies");
  }

  #setStudyAttr(table: string, operation: string, studyId: number, key: string, value: JsonValue) {
    return this.#tx(operation, async (client) => {
      await this.#studyRow(operation, client, studyId);
      await client.query(
        `INSERT INTO ${table} (study_id, key, value_json) VALUES ($1, $2, $3)
         ON CONFLICT (study_id, key) DO UPDATE SET value_json = EXCLUDED.value_json`,
        [studyId, key, pyDumps(value)],
      );
    });
  }

  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setStudyAttr("study_user_attributes", "setStudyUserAttr", studyId, key, value);
  }

  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setStudyAttr("study_system_attributes", "setStudySystemAttr", studyId, key, value);
  }

  createTrial(
    studyId: number,
    template?: TrialTemplate,
  ): Promise<{ readonly trialId: number; readonly number: number }> {
    const operation = "createTrial";
    return this.#tx(operation, async (client) => {
      // The study's row lock orders trial numbers, as Optuna's `_create_new_trial` does.
      await this.#studyRow(operation, client, studyId, true);
      const now = formatOptunaDatetime(new Date());
      const state = template?.state ?? "RUNNING";
      const inserted = await client.query(
        `INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete)
         VALUES (NULL, $1, 'RUNNING', $2, $3) RETURNING trial_id`,
        [studyId, state === "WAITING" ? null : now, isFinished(state) ? now : null],
      );
      const trialId = inserted.rows[0].trial_id as number;
      if (template !== undefined) {
        for (const [objective, v] of (template.values ?? []).entries())
          await this.#setValue(client, trialId, objective, v);
        const distributions = template.distributions ?? {};
        for (const [name, value] of Object.entries(template.params ?? {})) {
          const d = distributions[name];
          const internal = d === undefined ? undefined : toInternal(d, value);
          if (d === undefined || internal === undefined)
            this.#fail(
              operation,
              `param '${name}' has no distribution that holds ${JSON.stringify(value)}`,
            );
          await this.#insertParam(operation, client, studyId, trialId, name, internal, d);
        }
        for (const [key, value] of Object.entries(template.userAttrs ?? {}))
          await this.#setTrialAttrRow(client, "trial_user_attributes", trialId, key, value);
        for (const [key, value] of Object.entries(template.systemAttrs ?? {}))
          await this.#setTrialAttrRow(client, "trial_system_attributes", trialId, key, value);
        for (const [step, value] of Object.entries(template.intermediateValues ?? {}))
          await this.#setIntermediate(client, trialId, Number(step), value);
      }
      const count = await client.query(
        "SELECT count(trial_id) AS n FROM trials WHERE study_id = $1 AND trial_id < $2",
        [studyId, trialId],
      );
      const number = Number(count.rows[0].n);
      await client.query("UPDATE trials SET number = $1, state = $2 WHERE trial_id = $3", [
        number,
        state,
        trialId,
      ]);
      return { trialId, number };
    });
  }

  async #setValue(client: PoolClient, trialId: number, objective: number, value: number) {
    const [stored, type] = finiteOrType(value, false);
    await client.query(
      `INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trial_id, objective) DO UPDATE SET value = EXCLUDED.value, value_type = EXCLUDED.value_type`,
      [trialId, objective, stored, type],
    );
  }

  async #setIntermediate(client: PoolClient, trialId: number, step: number, value: number) {
    const [stored, type] = finiteOrType(value, true);
    await client.query(
      `INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = EXCLUDED.intermediate_value,
         intermediate_value_type = EXCLUDED.intermediate_value_type`,
      [trialId, step, stored, type],
    );
  }

  async #setTrialAttrRow(
    client: PoolClient,
    table: string,
    trialId: number,
    key: string,
    value: JsonValue,
  ) {
    await client.query(
      `INSERT INTO ${table} (trial_id, key, value_json) VALUES ($1, $2, $3)
       ON CONFLICT (trial_id, key) DO UPDATE SET value_json = EXCLUDED.value_json`,
      [trialId, key, pyDumps(value)],
    );
  }

  async #insertParam(
    operation: string,
    client: PoolClient,
    studyId: number,
    trialId: number,
    name: string,
    internal: number,
    d: Distribution,
  ) {
    // Optuna's check: the first record of this name in the study fixes its kind.
    const previous = await client.query(
      `SELECT p.distribution_json FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id
       WHERE t.study_id = $1 AND p.param_name = $2 ORDER BY p.param_id LIMIT 1`,
      [studyId, name],
    );
    const first = previous.rows[0]?.distribution_json as string | undefined;
    if (first !== undefined) {
      let why: string | undefined;
      try {
        why = incompatibility(distributionFromJson(first), d);
      } catch {
        why = undefined;
      }
      if (why !== undefined) this.#fail(operation, `'${name}': ${why}`);
    }
    await client.query(
      `INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = EXCLUDED.param_value,
         distribution_json = EXCLUDED.distribution_json`,
      [trialId, name, internal, distributionToJson(d)],
    );
  }

  setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    const operation = "setTrialParam";
    return this.#tx(operation, async (client) => {
      const { studyId } = await this.#updatable(operation, client, trialId);
      await this.#insertParam(
        operation,
        client,
        studyId,
        trialId,
        name,
        internalValue,
        distribution,
      );
    });
  }

  setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean> {
    const operation = "setTrialStateValues";
    return this.#tx(operation, async (client) => {
      if (state === "RUNNING") {
        // A claim: skip a row another worker holds (it is claiming or finishing it).
        const rows = await client.query(
          "SELECT state FROM trials WHERE trial_id = $1 FOR UPDATE SKIP LOCKED",
          [trialId],
        );
        const row = rows.rows[0] as { state: TrialState } | undefined;
        if (row === undefined) {
          const exists = await client.query("SELECT 1 FROM trials WHERE trial_id = $1", [trialId]);
          if (exists.rowCount === 0) this.#fail(operation, `no trial with id ${trialId}`);
          return false;
        }
        if (row.state !== "WAITING") return false;
        await client.query(
          "UPDATE trials SET state = 'RUNNING', datetime_start = $1 WHERE trial_id = $2",
          [formatOptunaDatetime(new Date()), trialId],
        );
        return true;
      }
      await this.#updatable(operation, client, trialId);
      for (const [objective, v] of (values ?? []).entries())
        await this.#setValue(client, trialId, objective, v);
      await client.query(
        `UPDATE trials SET state = $1${isFinished(state) ? ", datetime_complete = $3" : ""} WHERE trial_id = $2`,
        isFinished(state) ? [state, trialId, formatOptunaDatetime(new Date())] : [state, trialId],
      );
      return true;
    });
  }

  /**
   * Claims the study's oldest WAITING trial for this caller in one statement
   * (`FOR UPDATE SKIP LOCKED`): concurrent claimants each get a different one, or none.
   */
  claimWaitingTrial(studyId: number): Promise<number | undefined> {
    return this.#tx("claimWaitingTrial", async (client) => {
      const rows = await client.query(
        `SELECT trial_id FROM trials WHERE study_id = $1 AND state = 'WAITING'
         ORDER BY trial_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [studyId],
      );
      const trialId = rows.rows[0]?.trial_id as number | undefined;
      if (trialId === undefined) return undefined;
      await client.query(
        "UPDATE trials SET state = 'RUNNING', datetime_start = $1 WHERE trial_id = $2",
        [formatOptunaDatetime(new Date()), trialId],
      );
      return trialId;
    });
  }

  /**
   * A write to an unfinished trial in one statement (no transaction round trips): the row is
   * written only when the trial exists and is not finished; otherwise the reason is looked up.
   */
  async #writeToUnfinished(operation: string, trialId: number, sql: string, values: unknown[]) {
    const rows = await this.#pool.query(sql, values).catch((cause) => {
      throw this.#error(operation, cause);
    });
    if ((rows.rowCount ?? 0) > 0) return;
    const found = await this.#query(
      operation,
      "SELECT number, state FROM trials WHERE trial_id = $1",
      [trialId],
    );
    const row = found[0];
    if (row === undefined) this.#fail(operation, `no trial with id ${trialId}`);
    this.#fail(operation, `trial ${row.number} has finished (${row.state})`);
  }

  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    const [stored, type] = finiteOrType(value, true);
    return this.#writeToUnfinished(
      "setTrialIntermediateValue",
      trialId,
      `INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type)
       SELECT trial_id, $2, $3, $4::trialintermediatevaluetype FROM trials
       WHERE trial_id = $1 AND state IN ('RUNNING', 'WAITING')
       ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = EXCLUDED.intermediate_value,
         intermediate_value_type = EXCLUDED.intermediate_value_type`,
      [trialId, step, stored, type],
    );
  }

  #setTrialAttr(table: string, operation: string, trialId: number, key: string, value: JsonValue) {
    return this.#writeToUnfinished(
      operation,
      trialId,
      `INSERT INTO ${table} (trial_id, key, value_json)
       SELECT trial_id, $2, $3 FROM trials WHERE trial_id = $1 AND state IN ('RUNNING', 'WAITING')
       ON CONFLICT (trial_id, key) DO UPDATE SET value_json = EXCLUDED.value_json`,
      [trialId, key, pyDumps(value)],
    );
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setTrialAttr("trial_user_attributes", "setTrialUserAttr", trialId, key, value);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setTrialAttr("trial_system_attributes", "setTrialSystemAttr", trialId, key, value);
  }

  /** Records that a RUNNING trial is alive, in `trial_heartbeats` (the database's clock). */
  async recordHeartbeat(trialId: number): Promise<void> {
    await this.#query(
      "recordHeartbeat",
      `INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES ($1, LOCALTIMESTAMP)
       ON CONFLICT (trial_id) DO UPDATE SET heartbeat = LOCALTIMESTAMP`,
      [trialId],
    );
  }

  /** RUNNING trials of the study whose last heartbeat is more than `gracePeriod` seconds old. */
  async staleTrialIds(studyId: number, gracePeriod: number): Promise<number[]> {
    const rows = await this.#query(
      "staleTrialIds",
      `SELECT t.trial_id FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.trial_id
       WHERE t.study_id = $1 AND t.state = 'RUNNING'
         AND h.heartbeat < LOCALTIMESTAMP - make_interval(secs => $2) ORDER BY t.trial_id`,
      [studyId, gracePeriod],
    );
    return rows.map((r) => r.trial_id as number);
  }

  /**
   * Trials by a condition on `trials`. Finished trials cannot change (Optuna refuses writes to
   * them), so they are read once and kept; only unfinished ones are read again in full.
   */
  async #trials(operation: string, where: string, args: unknown[]): Promise<FrozenTrial[]> {
    const trials = await this.#query(
      operation,
      `SELECT trial_id, number, study_id, state, datetime_start, datetime_complete FROM trials WHERE ${where} ORDER BY trial_id`,
      args,
    );
    const fresh = trials.filter(
      (t) => !(isFinished(t.state as TrialState) && this.#finished.has(t.trial_id as number)),
    );
    const ids = fresh.map((t) => t.trial_id as number);
    const child = (sql: string) =>
      ids.length === 0 ? Promise.resolve([]) : this.#query(operation, sql, [ids]);
    const [params, values, user, system, intermediate] = await Promise.all([
      child(
        "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params WHERE trial_id = ANY($1) ORDER BY param_id",
      ),
      child(
        "SELECT trial_id, objective, value, value_type FROM trial_values WHERE trial_id = ANY($1) ORDER BY objective",
      ),
      child(
        "SELECT trial_id, key, value_json FROM trial_user_attributes WHERE trial_id = ANY($1) ORDER BY trial_user_attribute_id",
      ),
      child(
        "SELECT trial_id, key, value_json FROM trial_system_attributes WHERE trial_id = ANY($1) ORDER BY trial_system_attribute_id",
      ),
      child(
        "SELECT trial_id, step, intermediate_value, intermediate_value_type FROM trial_intermediate_values WHERE trial_id = ANY($1)",
      ),
    ]);
    const byId = new Map<number, ReplayTrial>();
    for (const t of fresh)
      byId.set(t.trial_id as number, {
        trialId: t.trial_id as number,
        number: t.number as number,
        studyId: t.study_id as number,
        state: t.state as TrialState,
        values: null,
        params: new Map(),
        distributions: new Map(),
        userAttrs: new Map(),
        systemAttrs: new Map(),
        intermediate: new Map(),
        datetimeStart: localDate(t.datetime_start),
        datetimeComplete: localDate(t.datetime_complete),
        frozen: undefined,
      });
    for (const p of params) {
      const t = byId.get(p.trial_id as number);
      if (t === undefined) continue;
      try {
        const d = distributionFromJson(String(p.distribution_json));
        t.params.set(String(p.param_name), Number(p.param_value));
        t.distributions.set(String(p.param_name), d);
      } catch {
        // A distribution this version cannot read is left out (as the journal replay does).
      }
    }
    for (const v of values) {
      const t = byId.get(v.trial_id as number);
      if (t === undefined) continue;
      t.values ??= [];
      t.values[v.objective as number] = fromStored(v.value, v.value_type);
    }
    for (const [rows, key] of [
      [user, "userAttrs"],
      [system, "systemAttrs"],
    ] as const)
      for (const a of rows)
        byId.get(a.trial_id as number)?.[key].set(String(a.key), parseJsonValue(a.value_json));
    for (const i of intermediate)
      byId
        .get(i.trial_id as number)
        ?.intermediate.set(
          i.step as number,
          fromStored(i.intermediate_value, i.intermediate_value_type),
        );
    return trials.map((row) => {
      const id = row.trial_id as number;
      const built = byId.get(id);
      if (built === undefined) return this.#finished.get(id)!;
      const frozen = freeze(built);
      if (isFinished(frozen.state)) this.#finished.set(id, frozen);
      return frozen;
    });
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const [trial] = await this.#trials("getTrial", "trial_id = $1", [trialId]);
    return trial ?? this.#fail("getTrial", `no trial with id ${trialId}`);
  }

  async getAllTrials(
    studyId: number,
    options: { readonly states?: readonly TrialState[] } = {},
  ): Promise<FrozenTrial[]> {
    const exists = await this.#query("getAllTrials", "SELECT 1 FROM studies WHERE study_id = $1", [
      studyId,
    ]);
    if (exists.length === 0) this.#fail("getAllTrials", `no study with id ${studyId}`);
    const { states } = options;
    return states === undefined
      ? this.#trials("getAllTrials", "study_id = $1", [studyId])
      : this.#trials("getAllTrials", "study_id = $1 AND state::text = ANY($2)", [
          studyId,
          [...states],
        ]);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
