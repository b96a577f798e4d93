// aadsts-bot on Azure: a container app running the bot image, an Azure Bot with the Teams channel
// authenticated by a user-assigned managed identity, optional Azure Managed Redis for shared state,
// Key Vault for the Slack secrets and the Redis URL, and Application Insights on a Log Analytics
// workspace. Deployment steps: infra/README.md.
//
// Deploy in two passes: first with deployApp=false (creates the registry and everything the app
// needs), then push the image and deploy again with deployApp=true and containerImage set.

targetScope = 'resourceGroup'

@description('Azure region for every regional resource.')
param location string = resourceGroup().location

@description('Short prefix for resource names (lower-case letters and digits).')
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

@description('Azure Bot pricing tier. F0 is free; S1 for production traffic in premium channels.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Slack signing secret. Empty together with slackBotToken: Slack stays off.')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token (xoxb-...). Empty together with slackSigningSecret: Slack stays off.')
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
var slackEnabled = !empty(slackSigningSecret) && !empty(slackBotToken)
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
    // one endpoint behind a proxy, so a plain (non-cluster) client works
    clusteringPolicy: 'EnterpriseCluster'
    // every key the bot writes has a TTL; under memory pressure those go first
    evictionPolicy: 'VolatileLRU'
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

resource slackSigningSecretKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackEnabled) {
  parent: vault
  name: 'slack-signing-secret'
  properties: { value: slackSigningSecret }
}

resource slackBotTokenKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackEnabled) {
  parent: vault
  name: 'slack-bot-token'
  properties: { value: slackBotToken }
}

resource redisUrlKv 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (enableRedis) {
  parent: vault
  name: 'redis-url'
  properties: {
    // the key may hold "/" or "+", so it is percent-encoded inside the URL
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
var kvSecrets = concat(
  slackEnabled
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
  slackEnabled
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
  name: '${namePrefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [acrPull, vaultSecretsUser, slackSigningSecretKv, slackBotTokenKv, redisUrlKv]
  properties: {
    managedEnvironmentId: environment.id
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
              type: 'Startup'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 2
              failureThreshold: 30
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
      scale: {
        minReplicas: enableRedis ? minReplicas : 1
        maxReplicas: enableRedis ? max(minReplicas, maxReplicas) : 1
      }
    }
  }
}

// --- Azure Bot with the Teams channel ------------------------------------------------------------------

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

output registryName string = registry.name
output registryLoginServer string = registry.properties.loginServer
output identityClientId string = identity.properties.clientId
output keyVaultName string = vault.name
output appFqdn string = deployApp ? app!.properties.configuration.ingress.fqdn : ''
output botName string = deployApp ? bot!.name : ''
output slackEventsUrl string = deployApp ? 'https://${app!.properties.configuration.ingress.fqdn}/slack/events' : ''
