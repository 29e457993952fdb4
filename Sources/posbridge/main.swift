print("posbridge")
