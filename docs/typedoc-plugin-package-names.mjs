// Names the API reference's modules as a user imports them: "tensor-core/src" (TypeDoc's name
// for ../packages/tensor-core/src/index.ts) becomes "@backprop/tensor-core", and
// "layers/src/node" becomes "@backprop/layers/node".
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^([\w-]+)\/src(?:\/(\w+))?$/.exec(module.name);
      if (match) module.name = `@backprop/${match[1]}${match[2] ? `/${match[2]}` : ""}`;
    }
  });
}
