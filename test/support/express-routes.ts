import type { Express } from 'express';

/** What the router package (Express 5) keeps of a layer; read only to list routes. */
interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
  handle: { stack?: Layer[] };
  rawPath?: string | string[] | RegExp;
  slash?: boolean;
}

export interface MountedRoute {
  method: string;
  /** OpenAPI form: `{name}` for a parameter. */
  path: string;
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return joined.replace(/:(\w+)/g, '{$1}');
}

/** Every route an Express app mounts, nested routers included, as method and full path. */
export function expressRoutes(app: Express): MountedRoute[] {
  const routes: MountedRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat())
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all') routes.push({ method, path: join(prefix, path) });
      } else if (Array.isArray(layer.handle.stack)) {
        const mounts = layer.slash ? [''] : [layer.rawPath ?? ''].flat();
        for (const mount of mounts) walk(layer.handle.stack, join(prefix, String(mount)));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}
