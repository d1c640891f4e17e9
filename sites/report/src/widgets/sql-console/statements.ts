/**
 * A script's SQL statements, as DuckDB splits them: a semicolon ends a statement unless it sits in a
 * string ('…'), a quoted identifier ("…"), a dollar-quoted string ($$…$$ or $tag$…$tag$) or a comment (-- to the
 * end of the line, /* … *\/). Statements with nothing but whitespace and comments are left out. The console
 * runs them one by one, since DuckDB-WASM's cancellable (pending) queries take one statement each.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let content = false;
  let start = 0;
  let i = 0;
  const end = () => {
    if (content) statements.push(sql.slice(start, i).trim());
    content = false;
    start = i + 1;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const newline = sql.indexOf("\n", i);
      i = newline === -1 ? sql.length : newline + 1;
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === "'" || c === '"') {
      // A doubled quote inside is the quote itself; the scan just runs on past it.
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      content = true;
      i = j + 1;
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(sql.slice(i, i + 64))) {
      const tag = (/^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      content = true;
      i = close === -1 ? sql.length : close + tag.length;
    } else if (c === ";") {
      end();
      i++;
    } else {
      if (!/\s/.test(c)) content = true;
      i++;
    }
  }
  end();
  return statements;
}

/** How many statements `sql` holds (see splitStatements). */
export function countStatements(sql: string): number {
  return splitStatements(sql).length;
}
