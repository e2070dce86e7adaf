print("pantau")
