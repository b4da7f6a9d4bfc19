using ModuleRuntime.Hosting;

// The Users module in a process of its own; docs/extraction.md shows how traffic moves here.
await ModuleService.RunAsync(args, new Users.UsersModule());
