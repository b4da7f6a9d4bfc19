// Mono.Cecil, which NetArchTest reads with too, reads metadata lazily and is not thread-safe; the real build output is
// read once and shared.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
