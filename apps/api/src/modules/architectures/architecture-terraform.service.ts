import type { TenantScope } from '../../scope';
import { StewardError } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { Architecture } from './architecture.entity';
import { architectureById } from './architecture.loaders';
import { ArchitectureTerraformPayload } from './architecture.payloads';
import { generateTerraform, namePrefix } from './terraform/terraform';
import { zip } from './terraform/zip';

/** Generates the design's Terraform and records that (and when) it was generated. */
export async function generateArchitectureTerraform(ctx: TenantScope, id: string): Promise<ArchitectureTerraformPayload> {
  const a = await loader(ctx, architectureById).load(id);
  if (!a) throw StewardError.notFound('Architecture');
  const files = generateTerraform(a);
  const now = new Date();
  await ctx.tx.manager.update(Architecture, { uuid: id, tenantId: ctx.caller.tenantId! }, { terraformGenerated: true, lastTerraformGen: now });
  await ctx.audit.record({
    action: 'architecture.terraform',
    entityType: 'Architecture',
    entityId: id,
    entityName: a.name,
    after: { files: files.map((f) => f.path), version: a.version },
  });
  const fresh = await ctx.tx.manager.findOneByOrFail(Architecture, { uuid: id });
  loader(ctx, architectureById).clear(id).prime(id, fresh);
  return {
    architecture: fresh,
    terraform: { files, zipBase64: zip(files).toString('base64'), fileName: `${namePrefix(a.name)}-v${a.version}-terraform.zip` },
    userErrors: [],
  };
}
