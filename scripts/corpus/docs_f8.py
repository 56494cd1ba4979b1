def docs():
    return []
