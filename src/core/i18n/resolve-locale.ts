/** Maps a platform locale tag to one of the bot's languages. */
import type { Locale } from '../reply.js';

const CHINESE_SIMPLIFIED = new Set(['zh', 'zh-cn', 'zh-hans', 'zh-sg', 'zh-hans-cn', 'zh-hans-sg']);

/** "zh", "zh-CN", "zh-Hans", "zh-SG" (any case, "_" or "-") → zh-CN; everything else → en */
export function resolveLocale(tag: string | undefined): Locale {
  if (typeof tag !== 'string') return 'en';
  const normalized = tag.trim().toLowerCase().replaceAll('_', '-');
  return CHINESE_SIMPLIFIED.has(normalized) ? 'zh-CN' : 'en';
}
