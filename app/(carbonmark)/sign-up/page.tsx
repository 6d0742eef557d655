import { Card } from "@/components/ui/card";
import { SignUpForm } from "./sign-up-form";

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Create your Carbonmark account</span>}>
        <SignUpForm />
      </Card>
    </div>
  );
}
