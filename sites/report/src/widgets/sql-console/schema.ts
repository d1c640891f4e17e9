import type { Cell, QueryResult } from "../duckdb/client.ts";

export interface SchemaTable {
  /** As a query names it: `tracks` if temporary or in the default catalog, `ids.main.x` elsewhere. */
  name: string;
  columns: { name: string; type: string }[];
}

/**
 * Every user table and view DuckDB knows, with its columns in order. The connection's temporary ones (the
 * `tracks` view among them) come first, by their bare names, as a query finds them before any other.
 */
export const SCHEMA_SQL = `SELECT database_name = 'temp' AS is_temp,
       is_temp OR (database_name = current_database() AND schema_name = current_schema()) AS local,
       database_name, schema_name, table_name, column_name, data_type
FROM duckdb_columns()
WHERE NOT internal
ORDER BY is_temp DESC, local DESC, database_name, schema_name, table_name, column_index`;

/** Groups the rows of SCHEMA_SQL by table. */
export function schemaFromRows(rows: Cell[][]): SchemaTable[] {
  const tables = new Map<string, SchemaTable>();
  for (const [, local, database, schema, table, column, type] of rows) {
    const name = local === true ? String(table) : `${database}.${schema}.${table}`;
    let entry = tables.get(name);
    if (!entry) {
      entry = { name, columns: [] };
      tables.set(name, entry);
    }
    entry.columns.push({ name: String(column), type: String(type) });
  }
  return [...tables.values()];
}

export async function readSchema(db: { query(sql: string): Promise<QueryResult> }): Promise<SchemaTable[]> {
  return schemaFromRows((await db.query(SCHEMA_SQL)).rows);
}

/** Renders the schema as a definition list: table name, then its columns and types (all as text). */
export function renderSchema(container: HTMLElement, tables: SchemaTable[]): void {
  const list = document.createElement("dl");
  list.className = "sql-schema-list";
  for (const table of tables) {
    const term = document.createElement("dt");
    const code = document.createElement("code");
    code.textContent = table.name;
    term.append(code, document.createTextNode(` (${table.columns.length} columns)`));
    const detail = document.createElement("dd");
    const columns = document.createElement("ul");
    for (const column of table.columns) {
      const item = document.createElement("li");
      const name = document.createElement("code");
      name.textContent = column.name;
      const type = document.createElement("span");
      type.className = "sql-schema-type";
      type.textContent = column.type;
      item.append(name, document.createTextNode(" "), type);
      columns.append(item);
    }
    detail.append(columns);
    list.append(term, detail);
  }
  container.replaceChildren(list);
}
