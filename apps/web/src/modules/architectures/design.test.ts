import { addService, toggleComponent } from './design';

const s3 = { type: 'aws.object_storage', provider: 'aws', kind: 'object_storage', label: 'Amazon S3', sizes: ['small'], defaultSize: 'small' };
const watch = { type: 'aws.monitoring', provider: 'aws', kind: 'monitoring', label: 'Amazon CloudWatch', sizes: ['small'], defaultSize: 'small' };

describe('design editing', () => {
  it('adds services with fresh keys and toggles components on and off, dropping connections to removed services', () => {
    const one = addService([], s3);
    expect(one).toEqual([
      { key: 'object_storage-1', type: 'aws.object_storage', name: 'Amazon S3', x: 40, y: 40, properties: { size: 'small' }, connections: [] },
    ]);
    const two = toggleComponent(one, 'monitoring', true, watch);
    expect(two.map((s) => s.key)).toEqual(['object_storage-1', 'monitoring-2']);
    expect(toggleComponent(two, 'monitoring', true, watch)).toHaveLength(2);
    const linked = [{ ...two[0], connections: ['monitoring-2'] }, two[1]];
    expect(toggleComponent(linked, 'monitoring', false, watch)).toEqual([{ ...two[0], connections: [] }]);
  });
});
