namespace Vla.Core.Plugins;

/// <summary>A plugin that could not be loaded, with the reason; the other plugins keep working.</summary>
public sealed record PluginError(string Plugin, string Path, string Reason);
