import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Namespace, ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';

/**
 * The manifests in deploy/kubernetes, validated offline against the Kubernetes API schemas
 * (kubernetes-models), and checked for what the docs promise: probes, drain time, disruption budgets,
 * autoscaling.
 */
const DIR = path.resolve('deploy/kubernetes');
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
}

function manifests(): Manifest[] {
  const kustomization = parse(readFileSync(path.join(DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((document) => document.toJS() as Manifest),
  );
}

const byKind = (kind: string) => manifests().filter((manifest) => manifest.kind === kind);

describe('Kubernetes manifests', () => {
  it('are every one a valid object of its kind', () => {
    const all = manifests();
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const manifest of all) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind} has a model`).toBeDefined();
      expect(() => new Model!(manifest as never).validate(), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
    }
  });

  it('run a gateway and a worker Deployment, each probed on /healthz and /readyz, with a drain longer than the shutdown timeout', () => {
    const deployments = byKind('Deployment');
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual([
      'switchboard-gateway',
      'switchboard-worker',
    ]);
    const config = byKind('ConfigMap')[0]!.data!;
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      expect(container.env).toContainEqual({ name: 'ROLE', value: deployment.metadata.name.replace('switchboard-', '') });
      expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(config.SHUTDOWN_TIMEOUT_MS));
      expect(pod.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it('keep one of each up through voluntary disruptions, and scale each on CPU', () => {
    expect(byKind('PodDisruptionBudget').map((budget) => [budget.metadata.name, budget.spec.minAvailable])).toEqual([
      ['switchboard-gateway', 1],
      ['switchboard-worker', 1],
    ]);
    for (const autoscaler of byKind('HorizontalPodAutoscaler')) {
      expect(autoscaler.spec.metrics[0].resource.name).toBe('cpu');
      expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    }
  });

  it('never seed the demo site (its origins are *) and never ship a secret', () => {
    expect(byKind('ConfigMap')[0]!.data!.SEED_DEMO_SITE).toBe('false');
    expect(byKind('Secret')).toEqual([]);
  });
});
