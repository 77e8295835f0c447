// Training tests seed torch's global generator: run them one at a time so seeds are not interleaved.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
