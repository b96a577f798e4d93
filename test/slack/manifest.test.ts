import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMAND, SHARE_ACTION_ID, SHORTCUT_CALLBACK_ID } from '../../src/slack/names.js';

interface Manifest {
  _metadata: { major_version: number };
  display_information: { name: string; description: string; long_description: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{
      command: string;
      url: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }>;
    shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(new URL('../../manifest/slack/manifest.yml', import.meta.url), 'utf8'),
) as Manifest;

// limits from https://docs.slack.dev/reference/app-manifest
describe('Slack app manifest', () => {
  it('declares the slash command the code handles, with escaped text', () => {
    const [command] = manifest.features.slash_commands;
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(command?.command).toBe(COMMAND);
    // the adapter parses Slack-encoded text (<@U…>, &lt;), which should_escape asks for
    expect(command?.should_escape).toBe(true);
  });

  it('declares the message shortcut the code handles', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: SHORTCUT_CALLBACK_ID }),
    ]);
  });

  it('turns interactivity on, which the share button needs', () => {
    expect(SHARE_ACTION_ID).toBe('share_in_channel');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('subscribes to exactly the bot events the code handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_mention',
      'file_shared',
      'message.channels',
      'message.im',
    ]);
  });

  it('asks for exactly the scopes the code uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'files:read',
      'im:history',
      'users:read',
    ]);
  });

  it('lets users message the bot directly', () => {
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('points every request URL at /slack/events on a placeholder host', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(url).toBe('https://aadsts-bot.example.com/slack/events');
  });

  it('stays within Slack’s field limits', () => {
    const info = manifest.display_information;
    expect(manifest._metadata.major_version).toBe(2);
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(174);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    for (const shortcut of manifest.features.shortcuts) {
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
      expect(shortcut.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('uses HTTP, not Socket Mode, by default', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
