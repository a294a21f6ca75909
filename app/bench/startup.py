def run(ctx): return []
