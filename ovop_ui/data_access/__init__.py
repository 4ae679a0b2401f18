"""Where the app's data comes from: the cached dataset, the versioned store, the demo registry, uploads."""
