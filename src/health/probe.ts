import { ApiProperty } from '@nestjs/swagger';

export class ComponentHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ required: false }) error?: string;
  @ApiProperty() latencyMs: number;
}

/** Runs one check, bounded in time: a dependency that does not answer is reported down, never awaited. */
export async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<ComponentHealth> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      }),
    ]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', error: (error as Error).message.split('\n')[0], latencyMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
