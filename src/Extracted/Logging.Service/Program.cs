using ModuleRuntime.Hosting;

// The Logging module in a process of its own; docs/extraction.md shows how traffic moves here.
await ModuleService.RunAsync(args, new Logging.LoggingModule());
