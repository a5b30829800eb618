"""The console cases: the real mysql client's output, recorded, and sim_db's compared with it."""
