/**
 * Higress's McpBridge ({@code networking.higress.io/v1}, the one named {@code default} in the system
 * namespace): {@link io.tidegate.translator.mcpbridge.McpBridges} binds and checks its registries;
 * {@link io.tidegate.translator.mcpbridge.McpBridgeTranslator} turns {@code static} and {@code dns}
 * registries into ServiceEntries (hosts {@code NAME.static}, {@code NAME.dns}). {@code nacos2}/{@code nacos3}
 * registries are only parsed here: the launcher watches them and publishes ServiceEntry documents.
 */
package io.tidegate.translator.mcpbridge;
