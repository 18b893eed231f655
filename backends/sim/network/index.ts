// The network model: ClusterIP/NodePort allocation at admission, the endpoints, EndpointSlice
// and EndpointSlice mirroring controllers, the apiserver's `kubernetes` Service, cluster DNS and simulated
// traffic (published as ctx.traffic).
import type { Component } from '../context.js';
import { Informer } from '../controllers/informer.js';
import { ClusterDns } from './dns.js';
import { EndpointSliceIndex } from './endpointSliceIndex.js';
import { startEndpointSliceController } from './endpointSliceController.js';
import { startEndpointSliceMirroring } from './endpointSliceMirroring.js';
import { startEndpointsController } from './endpointsController.js';
import { startKubernetesService } from './kubernetesService.js';
import { Router } from './router.js';
import { ServiceAllocator } from './serviceAllocation.js';
import { ServiceSelection } from './serviceSelection.js';
import { Traffic } from './traffic.js';

export const network: Component = (ctx) => {
  const { api } = ctx;
  const allocator = new ServiceAllocator(ctx.random);
  allocator.load(api.list('services').items);
  // Deviation: addresses are allocated after the admission chain's validation; the Service registry
  // allocates before validating, so an object with both kinds of error reports the allocation one.
  api.use(allocator.plugin);
  api.onStored((op, resource, obj) => { if (resource.name === 'services') allocator.stored(op, obj); });

  const pods = new Informer(api, 'pods');
  const services = new Informer(api, 'services');
  const slices = new EndpointSliceIndex(api);
  const selection = new ServiceSelection(pods, services);
  const router = new Router(ctx, services, pods, slices);
  const traffic = new Traffic(ctx, router, new ClusterDns(services, slices), pods);
  ctx.traffic = traffic;
  (ctx.memory ??= {}).traffic = traffic.memory();
  const stops = [
    startEndpointsController(ctx, selection),
    startEndpointSliceController(ctx, selection, slices),
    startEndpointSliceMirroring(ctx, selection, slices),
    startKubernetesService(ctx),
  ];
  pods.start();
  services.start();
  return () => {
    traffic.stop();
    slices.stop();
    for (const s of stops) s();
  };
};
