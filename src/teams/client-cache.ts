/**
 * Bot Framework authentication that reuses its outbound clients.
 *
 * CloudAdapter asks its BotFrameworkAuthentication for a new ConnectorFactory on every turn, the
 * factory builds a new ConnectorClient (a new HTTP pipeline of about a dozen policies), and the
 * adapter builds a new UserTokenClient (another pipeline) as well, although the bot never signs
 * users in. For a given app id, service URL and audience these clients are all alike: they hold the
 * service URL, the app's credentials (which fetch and refresh their own token) and the pipeline,
 * nothing of the turn. The older BotFrameworkAdapter kept its ConnectorClients in a map for the same
 * reason. This class keeps them in small LRU maps instead of building them per turn.
 *
 * The key is everything the clients depend on that can change between turns: the bot's app id as
 * the request's claims carry it ("aud" for channel tokens, "appid" for the Emulator, as
 * botframework-connector reads it), the service URL and the audience. The rest (login endpoint,
 * scope, credential factory, client options) is fixed for one instance. A client that could not be
 * built is not kept. The maps are bounded because, without a MicrosoftAppId, the local mode accepts
 * any serviceUrl.
 * https://learn.microsoft.com/javascript/api/botbuilder/cloudadapter
 * https://learn.microsoft.com/javascript/api/botframework-connector/connectorfactory
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { Lru } from '../core/lru.js';

type Auth = ConfigurationBotFrameworkAuthentication;
type ClaimsIdentity = Parameters<Auth['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Auth['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Auth['createUserTokenClient']>>;
type AuthenticateRequestResult = Awaited<ReturnType<Auth['authenticateRequest']>>;

/** distinct service URL × audience × app id combinations kept; a Teams bot sees a handful */
export const MAX_CACHED_CLIENTS = 64;

/**
 * the bot's app id as botframework-connector reads it from the claims: the audience ("aud") of a
 * channel token, else the "appid" of an Emulator token
 */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/** shares promises of built clients, forgetting one whose build failed */
export class ClientCache<T> {
  private readonly lru = new Lru<string, Promise<T>>(MAX_CACHED_CLIENTS);

  get(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.lru.lookup(key);
    if (hit) return hit.value;
    const built = build();
    this.lru.set(key, built);
    built.catch(() => {
      if (this.lru.lookup(key)?.value === built) this.lru.delete(key);
    });
    return built;
  }

  get size(): number {
    return this.lru.size;
  }
}

/** ConfigurationBotFrameworkAuthentication whose connector and user-token clients are reused */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(
    activity: Parameters<Auth['authenticateRequest']>[0],
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)),
    };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  /** how many connector clients are kept (for tests) */
  get connectorClientCount(): number {
    return this.connectors.size;
  }

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    const connectors = this.connectors;
    return {
      create: (serviceUrl: string, audience?: string) =>
        connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
          factory.create(serviceUrl, audience),
        ),
    };
  }
}
