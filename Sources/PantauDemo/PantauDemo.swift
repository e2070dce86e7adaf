// PantauDemo
