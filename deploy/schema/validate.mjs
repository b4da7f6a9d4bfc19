// Validates Kubernetes and Istio documents against their schemas (kubernetes-models, @kubernetes-models/istio),
// without a cluster. Arguments: JSON files, each one document or a v1 List. Prints one JSON line per document,
// {"file","kind","name","error"}, and exits 1 when any document is invalid or of a kind this script cannot check.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const istioGroups = new Set(["networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io"]);

// apiVersion "v1" is the core group; "apps/v1" is kubernetes-models/apps/v1; Istio's groups live in their own package.
function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === null) return `kubernetes-models/${version}/${kind}`;
  if (istioGroups.has(group)) return `@kubernetes-models/istio/${group}/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const parsed = JSON.parse(readFileSync(file, "utf8"));
  const documents = parsed.kind === "List" ? parsed.items : [parsed];
  for (const document of documents) {
    const result = { file: basename(file), kind: document.kind, name: document.metadata?.name ?? null, error: null };
    try {
      const model = (await import(modulePath(document.apiVersion ?? "", document.kind ?? "")))[document.kind];
      if (typeof model !== "function") throw new Error(`no model for ${document.apiVersion} ${document.kind}`);
      new model(document).validate();
    } catch (e) {
      result.error = e.code === "ERR_MODULE_NOT_FOUND" ? `no schema for ${document.apiVersion} ${document.kind}` : e.message;
      failed = true;
    }
    console.log(JSON.stringify(result));
  }
}
process.exit(failed ? 1 : 0);
