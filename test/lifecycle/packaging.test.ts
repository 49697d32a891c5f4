import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  license?: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The package a bare import specifier names (`twilio/lib/x.js` → `twilio`, `@viz-js/viz` → `@viz-js/viz`). */
const packageOf = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/** The packages the files of `files` import by name. */
const packagesImportedBy = (files: readonly string[]) =>
  [
    ...new Set(
      files.flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/(?:from |import\()"([^".][^"]*)"/g)]
          .map((m) => m[1] as string)
          .filter((s) => !s.startsWith("node:"))
          .map(packageOf),
      ),
    ),
  ].sort();

/** What `npm start` loads: the entry and the service. */
const serviceFiles = ["src/index.ts", ...sources("src/service")];
const imported = packagesImportedBy(serviceFiles);
const importedByTools = packagesImportedBy(sources("src/tools"));

describe("a production install runs the built server", () => {
  test("npm start only starts the built server (no compiler at run time)", () => {
    expect(pkg.scripts.start).toBe("node dist/index.js");
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.build).toMatch(/^tsc /);
  });

  test.each(imported)("%s, imported by the service, is a production dependency", (name) => {
    expect(Object.keys(pkg.dependencies)).toContain(name);
  });

  test("every production dependency is one the service imports: a tool's package is a dev dependency", () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(imported);
  });

  test.each(importedByTools.filter((name) => !imported.includes(name)))(
    "%s, imported by a tool only, is a dev dependency",
    (name) => {
      expect(Object.keys(pkg.devDependencies)).toContain(name);
      expect(Object.keys(pkg.dependencies)).not.toContain(name);
    },
  );

  test("the build compiles the entries (the server and the call-back worker) and the service alone", () => {
    const build = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as { include: string[] };
    expect(build.include.sort()).toEqual(["src/index.ts", "src/service", "src/worker.ts"]);
  });

  test("the Dockerfile builds with dev dependencies and runs on production ones only, as a non-root user", () => {
    const dockerfile = readFileSync("Dockerfile", "utf8");
    expect(dockerfile).toMatch(/RUN npm ci[^\n]*\n[\s\S]*RUN npm run build/);
    expect(dockerfile).toContain("npm ci --omit=dev");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*"node", "-e", "fetch\('http:\/\/127\.0\.0\.1:'.*\/healthz'\)/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/index\.js"\]$/m);
  });

  test("Node 20, MIT", () => {
    expect(readFileSync(".nvmrc", "utf8").trim()).toBe("20");
    expect(pkg.license).toBe("MIT");
    expect(readFileSync("LICENSE", "utf8")).toMatch(/^MIT License[\s\S]*the member-line authors/);
  });

  test("CI installs exactly the lockfile", () => {
    expect(readFileSync(".ci/run", "utf8")).toMatch(/^npm ci /m);
  });
});
