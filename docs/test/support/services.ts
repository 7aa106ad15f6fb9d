import { spawnSync } from "node:child_process";
import { connect } from "node:net";

/** The Python with Optuna: $PYTHON, else python3 on the PATH, else Debian's /usr/bin/python3. */
export function findOptunaPython(): string | undefined {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"];
  return candidates.find(
    (python) => spawnSync(python, ["-c", "import optuna"], { encoding: "utf8" }).status === 0,
  );
}

/** Whether that Python also has SQLAlchemy and psycopg2 (Optuna's RDB storage on PostgreSQL). */
export const hasRdbModules = (python: string): boolean =>
  spawnSync(python, ["-c", "import sqlalchemy, psycopg2"]).status === 0;

/** The tests' PostgreSQL: the standard PG* variables, or 127.0.0.1:5432, database test. */
export function postgresUrl(): string {
  const env = process.env;
  const user =
    env.PGUSER === undefined
      ? ""
      : `${encodeURIComponent(env.PGUSER)}${env.PGPASSWORD === undefined ? "" : `:${encodeURIComponent(env.PGPASSWORD)}`}@`;
  return `postgres://${user}${env.PGHOST ?? "127.0.0.1"}:${env.PGPORT ?? 5432}/${env.PGDATABASE ?? "test"}`;
}

/** Whether something listens on the PostgreSQL port. */
export function postgresListening(): Promise<boolean> {
  const url = new URL(postgresUrl());
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.setTimeout(2000);
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
