// Optuna 3.1's RDB schema on PostgreSQL, as SQLAlchemy creates it from
// `optuna/storages/_rdb/models.py` (v3.1.0) — the same types, column order, nullability,
// constraint and index names — plus the two rows Optuna writes when it creates a storage: the
// `version_info` row (schema version 12, library version 3.1.0) and alembic's `alembic_version`
// row stamped with the head revision of Optuna 3.1's migrations (v3.0.0.d).

/** The alembic head revision of Optuna 3.1's RDB migrations. */
export const OPTUNA_ALEMBIC_HEAD = "v3.0.0.d";
/** `models.SCHEMA_VERSION` of Optuna 3.x ("don't modify this version number anymore"). */
export const OPTUNA_SCHEMA_VERSION = 12;
/** The library version backprop writes into `version_info` (the Optuna release whose schema it speaks). */
export const OPTUNA_LIBRARY_VERSION = "3.1.0";

/** SQLAlchemy's native PostgreSQL enum types of the models (the Python enums' member names). */
export const OPTUNA_ENUM_TYPES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["studydirection", ["NOT_SET", "MINIMIZE", "MAXIMIZE"]],
  ["trialstate", ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"]],
  ["trialvaluetype", ["FINITE", "INF_POS", "INF_NEG"]],
  ["trialintermediatevaluetype", ["FINITE", "INF_POS", "INF_NEG", "NAN"]],
];

/**
 * The tables in SQLAlchemy's creation order (parents first), each `CREATE TABLE IF NOT EXISTS`
 * in the form SQLAlchemy emits for PostgreSQL (`SERIAL` keys, `VARCHAR(512)` names, `FLOAT(53)`
 * values, `TIMESTAMP WITHOUT TIME ZONE` dates), followed by its indexes.
 */
export const OPTUNA_TABLES: ReadonlyArray<readonly [string, string]> = [
  [
    "studies",
    `CREATE TABLE IF NOT EXISTS studies (
  study_id SERIAL NOT NULL,
  study_name VARCHAR(512) NOT NULL,
  PRIMARY KEY (study_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_studies_study_name ON studies (study_name)`,
  ],
  [
    "version_info",
    `CREATE TABLE IF NOT EXISTS version_info (
  version_info_id INTEGER NOT NULL,
  schema_version INTEGER,
  library_version VARCHAR(256),
  PRIMARY KEY (version_info_id),
  CHECK (version_info_id=1)
)`,
  ],
  [
    "study_directions",
    `CREATE TABLE IF NOT EXISTS study_directions (
  study_direction_id SERIAL NOT NULL,
  direction studydirection NOT NULL,
  study_id INTEGER NOT NULL,
  objective INTEGER NOT NULL,
  PRIMARY KEY (study_direction_id),
  UNIQUE (study_id, objective),
  FOREIGN KEY(study_id) REFERENCES studies (study_id)
)`,
  ],
  [
    "study_user_attributes",
    `CREATE TABLE IF NOT EXISTS study_user_attributes (
  study_user_attribute_id SERIAL NOT NULL,
  study_id INTEGER,
  key VARCHAR(512),
  value_json TEXT,
  PRIMARY KEY (study_user_attribute_id),
  UNIQUE (study_id, key),
  FOREIGN KEY(study_id) REFERENCES studies (study_id)
)`,
  ],
  [
    "study_system_attributes",
    `CREATE TABLE IF NOT EXISTS study_system_attributes (
  study_system_attribute_id SERIAL NOT NULL,
  study_id INTEGER,
  key VARCHAR(512),
  value_json TEXT,
  PRIMARY KEY (study_system_attribute_id),
  UNIQUE (study_id, key),
  FOREIGN KEY(study_id) REFERENCES studies (study_id)
)`,
  ],
  [
    "trials",
    `CREATE TABLE IF NOT EXISTS trials (
  trial_id SERIAL NOT NULL,
  number INTEGER,
  study_id INTEGER,
  state trialstate NOT NULL,
  datetime_start TIMESTAMP WITHOUT TIME ZONE,
  datetime_complete TIMESTAMP WITHOUT TIME ZONE,
  PRIMARY KEY (trial_id),
  FOREIGN KEY(study_id) REFERENCES studies (study_id)
)`,
  ],
  [
    "trial_user_attributes",
    `CREATE TABLE IF NOT EXISTS trial_user_attributes (
  trial_user_attribute_id SERIAL NOT NULL,
  trial_id INTEGER,
  key VARCHAR(512),
  value_json TEXT,
  PRIMARY KEY (trial_user_attribute_id),
  UNIQUE (trial_id, key),
  FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
)`,
  ],
  [
    "trial_system_attributes",
    `CREATE TABLE IF NOT EXISTS trial_system_attributes (
  trial_system_attribute_id SERIAL NOT NULL,
  trial_id INTEGER,
  key VARCHAR(512),
  value_json TEXT,
  PRIMARY KEY (trial_system_attribute_id),
  UNIQUE (trial_id, key),
  FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
)`,
  ],
  [
    "trial_params",
    `CREATE TABLE IF NOT EXISTS trial_params (
  param_id SERIAL NOT NULL,
  trial_id INTEGER,
  param_name VARCHAR(512),
  param_value FLOAT(53),
  distribution_json TEXT,
  PRIMARY KEY (param_id),
  UNIQUE (trial_id, param_name),
  FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
)`,
  ],
  [
    "trial_values",
    `CREATE TABLE IF NOT EXISTS trial_values (
  trial_value_id SERIAL NOT NULL,
  trial_id INTEGER NOT NULL,
  objective INTEGER NOT NULL,
  value FLOAT(53),
  value_type trialvaluetype NOT NULL,
  PRIMARY KEY (trial_value_id),
  UNIQUE (trial_id, objective),
  FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
)`,
  ],
  [
    "trial_intermediate_values",
    `CREATE TABLE IF NOT EXISTS trial_intermediate_values (
  trial_intermediate_value_id SERIAL NOT NULL,
  trial_id INTEGER NOT NULL,
  step INTEGER NOT NULL,
  intermediate_value FLOAT(53),
  intermediate_value_type trialintermediatevaluetype NOT NULL,
  PRIMARY KEY (trial_intermediate_value_id),
  UNIQUE (trial_id, step),
  FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
)`,
  ],
  [
    "trial_heartbeats",
    `CREATE TABLE IF NOT EXISTS trial_heartbeats (
  trial_heartbeat_id SERIAL NOT NULL,
  trial_id INTEGER NOT NULL,
  heartbeat TIMESTAMP WITHOUT TIME ZONE NOT NULL,
  PRIMARY KEY (trial_heartbeat_id),
  UNIQUE (trial_id),
  FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
)`,
  ],
  [
    "alembic_version",
    `CREATE TABLE IF NOT EXISTS alembic_version (
  version_num VARCHAR(32) NOT NULL,
  CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
)`,
  ],
];
