// aadsts-bot on Azure: a container app running the bot image, an Azure Bot with the Teams channel
// authenticated by a user-assigned managed identity, optional Azure Managed Redis for shared state,
// Key Vault for the Slack secrets and the Redis URL, and Application Insights on a Log Analytics
// workspace. Deployment steps: infra/README.md.
//
// Deploy in two passes: first with deployApp=false (creates the registry, the identity and its role
// assignments, Key Vault, Redis and monitoring), then push the image and deploy again with
// deployApp=true and containerImage set. The gap between the passes also lets the new role
// assignments propagate before the first revision pulls the image and reads Key Vault (role changes
// can take minutes: https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).

targetScope = 'resourceGroup'

@description('Azure region for every regional resource.')
param location string = resourceGroup().location

@description('Short prefix for resource names: lower-case letters and digits, starting with a letter (the registry name allows no hyphens; Key Vault and container app names must start with a letter).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'aadsts'

@description('Create the container app and the Azure Bot. False for the first pass, before the image exists.')
param deployApp bool = true

@description('Image to run, e.g. <registry>.azurecr.io/aadsts-bot:1.0.0 (required when deployApp is true).')
param containerImage string = ''

@description('Create Azure Managed Redis and share dedupe keys, rate limits and usage counters through it. Needed when more than one replica runs.')
param enableRedis bool = true

@description('Fewest replicas. More than one requires enableRedis.')
@minValue(1)
param minReplicas int = 2

@description('Most replicas.')
@minValue(1)
param maxReplicas int = 4

@description('Concurrent HTTP requests per replica before another replica is added (the HTTP scale rule).')
@minValue(1)
param httpConcurrency int = 10

@description('Azure Bot pricing tier. F0 is free; S1 for production traffic in premium channels.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Serve Slack. The signing secret and bot token must be in Key Vault: pass them once (below) or write them with az keyvault secret set.')
param enableSlack bool = false

@description('Slack signing secret, written to Key Vault when given. Empty: the vault keeps its current value.')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token (xoxb-...), written to Key Vault when given. Empty: the vault keeps its current value.')
@secure()
param slackBotToken string = ''

@description('Contents of your contacts.yaml (see contacts.example.yaml). Empty: answers name the roles only.')
param contactsYaml string = ''

@description('Log level of the bot.')
@allowed(['fatal', 'error', 'warn', 'info', 'debug'])
param logLevel string = 'info'

@description('Messages one person may send per window (0 = no limit).')
@minValue(0)
param rateLimitUser int = 20

@description('Messages one channel or chat may receive per window (0 = no limit).')
@minValue(0)
param rateLimitChannel int = 60

@description('Length of the rate-limit window in seconds.')
@minValue(1)
param rateLimitWindowSeconds int = 60

var suffix = uniqueString(resourceGroup().id, namePrefix)
var appName = '${namePrefix}-app'
var port = 3978
var contactsMountPath = '/app/config'
// built-in role definition ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var roleAcrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var roleKeyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// --- identity ----------------------------------------------------------------------------------------

// One identity for everything: the bot's Microsoft App ID (UserAssignedMSI), image pulls, Key Vault reads.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

// --- monitoring --------------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// --- registry ----------------------------------------------------------------------------------------

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: toLower('${namePrefix}acr${suffix}')
  location: location
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, roleAcrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleAcrPull)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- Redis (Azure Managed Redis) -----------------------------------------------------------------------

// Balanced_B0 with highAvailability and TLS 1.2 as in the reference sample:
// https://learn.microsoft.com/azure/templates/microsoft.cache/redisenterprise
resource redis 'Microsoft.Cache/redisEnterprise@2025-04-01' = if (enableRedis) {
  name: '${namePrefix}-redis-${suffix}'
  location: location
  sku: { name: 'Balanced_B0' }
  properties: {
    minimumTlsVersion: '1.2'
    highAvailability: 'Enabled'
  }
}

resource redisDb 'Microsoft.Cache/redisEnterprise/databases@2025-04-01' = if (enableRedis) {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    // one endpoint behind a proxy, so a plain (non-cluster) client works; the bot's transactions
    // touch one key each, which this policy allows
    clusteringPolicy: 'EnterpriseCluster'
    // every key the bot writes has a TTL; under memory pressure those go first
    evictionPolicy: 'VolatileLRU'
    // the bot authenticates with the access key (newer API versions default this to Disabled)
    accessKeysAuthentication: 'Enabled'
  }
}

// --- Key Vault ---------------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${namePrefix}-kv-${take(suffix, 8)}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roleKeyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleKeyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Written only when a value is passed, so a later deployment without the values (new image, new rate
// limits) leaves the secrets, and any value rotated in the vault, as they are.
resource slackSigningSecretKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: { value: slackSigningSecret }
}

resource slackBotTokenKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: { value: slackBotToken }
}

resource redisUrlKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (enableRedis) {
  parent: vault
  name: 'redis-url'
  properties: {
    // TLS (rediss://) on the database port; the key may hold "/", "+" or "=", so it is
    // percent-encoded inside the URL (ioredis decodes the password). Databases_ListKeys returns
    // primaryKey/secondaryKey: azure-rest-api-specs, specification/redisenterprise/resource-manager/
    // Microsoft.Cache/RedisEnterprise/stable/2025-04-01/examples/RedisEnterpriseDatabasesListKeys.json
    value: enableRedis
      ? 'rediss://:${uriComponent(redisDb!.listKeys().primaryKey)}@${redis!.properties.hostName}:10000'
      : ''
  }
}

// --- container app -------------------------------------------------------------------------------------

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env-${suffix}'
  location: location
  properties: {
    // a workload profiles (v2) environment with the built-in Consumption profile, which Microsoft
    // recommends over the legacy Consumption-only type:
    // https://learn.microsoft.com/azure/container-apps/environment-type-consumption-only
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    // stdout/stderr of every container go to the workspace (table ContainerAppConsoleLogs_CL):
    // https://learn.microsoft.com/azure/container-apps/log-monitoring
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

// Container app secrets: Key Vault references read with the managed identity, plus the contacts file.
// Without a version in the URL the app follows the latest secret version within 30 minutes:
// https://learn.microsoft.com/azure/container-apps/manage-secrets#reference-secret-from-key-vault
var kvSecrets = concat(
  enableSlack
    ? [
        {
          name: 'slack-signing-secret'
          keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-signing-secret'
          identity: identity.id
        }
        {
          name: 'slack-bot-token'
          keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-bot-token'
          identity: identity.id
        }
      ]
    : [],
  enableRedis
    ? [
        {
          name: 'redis-url'
          keyVaultUrl: '${vault.properties.vaultUri}secrets/redis-url'
          identity: identity.id
        }
      ]
    : [],
  empty(contactsYaml) ? [] : [{ name: 'contacts-yaml', value: contactsYaml }]
)

// app settings: begin (every variable the bot reads; test/infra checks this list against src/config/env.ts)
var appSettings = concat(
  [
    { name: 'NODE_ENV', value: 'production' }
    { name: 'PORT', value: string(port) }
    { name: 'HOST', value: '0.0.0.0' }
    { name: 'LOG_LEVEL', value: logLevel }
    { name: 'MicrosoftAppId', value: identity.properties.clientId }
    { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
    { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
    { name: 'RATE_LIMIT_USER', value: string(rateLimitUser) }
    { name: 'RATE_LIMIT_CHANNEL', value: string(rateLimitChannel) }
    { name: 'RATE_LIMIT_WINDOW_SECONDS', value: string(rateLimitWindowSeconds) }
  ],
  enableSlack
    ? [
        { name: 'SLACK_SIGNING_SECRET', secretRef: 'slack-signing-secret' }
        { name: 'SLACK_BOT_TOKEN', secretRef: 'slack-bot-token' }
      ]
    : [],
  enableRedis ? [{ name: 'REDIS_URL', secretRef: 'redis-url' }] : [],
  empty(contactsYaml) ? [] : [{ name: 'CONTACTS_FILE', value: '${contactsMountPath}/contacts.yaml' }]
)
// app settings: end

resource app 'Microsoft.App/containerApps@2024-03-01' = if (deployApp) {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  // the identity must hold AcrPull and Key Vault Secrets User, and the secrets must exist, before the
  // first revision starts: it pulls the image and resolves the Key Vault references at creation
  dependsOn: [acrPull, vaultSecretsUser, slackSigningSecretKv, slackBotTokenKv, redisUrlKv]
  properties: {
    managedEnvironmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'http'
        allowInsecure: false
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
      secrets: kvSecrets
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: containerImage
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: appSettings
          // probe limits (failureThreshold 1-10, periodSeconds 1-240):
          // https://learn.microsoft.com/javascript/api/@azure/arm-appcontainers/containerappprobe
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              // 503 while Redis is unreachable at startup or while draining on SIGTERM
              type: 'Readiness'
              httpGet: { path: '/readyz', port: port }
              periodSeconds: 5
              failureThreshold: 2
            }
            {
              // up to 30 s to start listening (10 x 3 s)
              type: 'Startup'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 3
              failureThreshold: 10
            }
          ]
          volumeMounts: empty(contactsYaml) ? [] : [{ volumeName: 'contacts', mountPath: contactsMountPath }]
        }
      ]
      volumes: empty(contactsYaml)
        ? []
        : [
            {
              name: 'contacts'
              storageType: 'Secret'
              secrets: [{ secretRef: 'contacts-yaml', path: 'contacts.yaml' }]
            }
          ]
      // never below one replica: Slack wants an answer within 3 s, too short for a cold start.
      // Without rules the platform applies a default HTTP rule; this one states it:
      // https://learn.microsoft.com/azure/container-apps/scale-app#http
      scale: {
        minReplicas: enableRedis ? minReplicas : 1
        maxReplicas: enableRedis ? max(minReplicas, maxReplicas) : 1
        rules: [
          {
            name: 'http'
            http: {
              metadata: { concurrentRequests: string(httpConcurrency) }
            }
          }
        ]
      }
    }
  }
}

// --- Azure Bot with the Teams channel ------------------------------------------------------------------
// UserAssignedMSI: msaAppId is the identity's client id, with its resource id and tenant; the same shape
// as Microsoft's Teams samples (OfficeDev/Microsoft-Teams-Samples, infra/botRegistration/azurebot.bicep).
// https://learn.microsoft.com/azure/templates/microsoft.botservice/botservices
// Application Insights is connected here only, to the Azure Bot (channel-side telemetry); the bot
// process itself sends nothing to it. The bot's own logs are the JSON lines in Log Analytics.

resource bot 'Microsoft.BotService/botServices@2022-09-15' = if (deployApp) {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'AADSTS explainer'
    description: 'Explains Microsoft Entra ID sign-in errors (AADSTS codes).'
    endpoint: deployApp ? 'https://${app!.properties.configuration.ingress.fqdn}/api/messages' : ''
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
    developerAppInsightKey: appInsights.properties.InstrumentationKey
    developerAppInsightsApplicationId: appInsights.properties.AppId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (deployApp) {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// --- outputs -----------------------------------------------------------------------------------------

// The app's address is known after the first pass: <app name>.<environment default domain>
// (https://learn.microsoft.com/azure/container-apps/connect-apps#location), so the Slack app can be
// created with its request URLs before the app exists.
var expectedFqdn = '${appName}.${environment.properties.defaultDomain}'
var appFqdn = deployApp ? app!.properties.configuration.ingress.fqdn : expectedFqdn

output registryName string = registry.name
output registryLoginServer string = registry.properties.loginServer
output identityClientId string = identity.properties.clientId
output keyVaultName string = vault.name
output logAnalyticsWorkspaceName string = logs.name
output appName string = appName
output appFqdn string = appFqdn
output botName string = deployApp ? bot!.name : ''
output messagingEndpoint string = 'https://${appFqdn}/api/messages'
output slackEventsUrl string = 'https://${appFqdn}/slack/events'
